package io.datalake.constructs.storage;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.constructs.access.Grants;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Where producers deliver files: a drop bucket per enabled tier
 * ({@code <org>-datalake-drop-<env>-<tier>-<region>}), encrypted with the tier's key and emptied
 * after a few days, whose {@code Object Created} events reach one encrypted SQS queue through
 * EventBridge. Events that cannot be delivered or consumed end in a dead-letter queue.
 *
 * <p>EventBridge is switched on in the bucket's own configuration rather than through S3 bucket
 * notifications, which avoids the CDK's notification custom resource and its wildcard permission.
 */
public class DropZone extends Construct {
    /** Where objects for unknown datasets are moved, with the reason, instead of being dropped. */
    public static final String QUARANTINE_PREFIX = "quarantine/";

    private final Map<Tier, IBucket> buckets = new EnumMap<>(Tier.class);
    private final Map<Tier, software.amazon.awscdk.services.kms.IKey> keys = new EnumMap<>(Tier.class);
    private final Queue queue;
    private final Queue deadLetterQueue;
    private final Duration consumerTimeout;

    public DropZone(Construct scope, String id, DropZoneProps props) {
        super(scope, id);
        LakeNames names = props.names();
        this.consumerTimeout = props.consumerTimeout();
        List<String> bucketNames = new ArrayList<>();
        for (TierBucket tier : props.storage().tiers()) {
            LakeBucket drop = new LakeBucket(this, TieredStorage.idOf(tier.tier()), LakeBucketProps.builder()
                    .bucketName(names.dropBucket(tier.tier()))
                    .encryptionKey(tier.key())
                    .accessLogBucket(props.accessLogBucket())
                    .expirationDays(names.environment().settings().dropExpiryDays())
                    .noncurrentVersionDays(1)
                    .build());
            drop.enableEventBridge();
            Suppressions.addHipaaNist(drop.bucket().getNode().getDefaultChild(), "S3BucketReplicationEnabled", "A drop bucket holds deliveries only until"
                    + " ingest moves them into the tier bucket (which can be replicated) or they expire; a replica would"
                    + " keep what the lake deletes on purpose.");
            buckets.put(tier.tier(), drop.bucket());
            keys.put(tier.tier(), tier.key());
            bucketNames.add(names.dropBucket(tier.tier()));
        }

        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .queueName(names.dropDeadLetterQueue())
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.queueKey())
                .enforceSsl(true)
                .retentionPeriod(DropZoneProps.RETENTION)
                .build();
        Duration visibility = Duration.seconds(
                props.consumerTimeout().toSeconds().doubleValue() * DropZoneProps.VISIBILITY_FACTOR);
        this.queue = Queue.Builder.create(this, "Queue")
                .queueName(names.dropQueue())
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(props.queueKey())
                .enforceSsl(true)
                .retentionPeriod(DropZoneProps.RETENTION)
                .visibilityTimeout(visibility)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(props.maxReceiveCount())
                        .build())
                .build();
        // EventBridge must be able to encrypt into both queues.
        props.queueKey().grant(new ServicePrincipal("events.amazonaws.com"), "kms:GenerateDataKey", "kms:Decrypt");

        Rule.Builder.create(this, "ObjectCreated")
                .description("Files dropped into " + names.environmentStack() + "'s drop buckets, for ingest")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of("bucket", Map.of("name", bucketNames)))
                        .build())
                .targets(List.of(new SqsQueue(queue, SqsQueueProps.builder()
                        .deadLetterQueue(deadLetterQueue)
                        .maxEventAge(Duration.hours(24))
                        .retryAttempts(185)
                        .build())))
                .build();
    }

    /**
     * What the ingest service needs in every drop bucket: read (and read versions of) dropped
     * objects, delete them once copied, move unknown ones under {@value #QUARANTINE_PREFIX}, list,
     * and each tier's key through S3.
     */
    public Grant grantConsume(IGrantable grantee) {
        Grant grant = null;
        for (Map.Entry<Tier, IBucket> drop : buckets.entrySet()) {
            IBucket bucket = drop.getValue();
            Grant next = Grants.onPrincipal(grantee, List.of("s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject"),
                            List.of(bucket.arnForObjects("*")))
                    .combine(Grants.onPrincipal(grantee, List.of("s3:PutObject"), List.of(bucket.arnForObjects(QUARANTINE_PREFIX + "*"))))
                    .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket"), List.of(bucket.getBucketArn())))
                    .combine(Grants.keyViaS3(this, grantee, keys.get(drop.getKey()), List.of("kms:GenerateDataKey", "kms:Decrypt")));
            grant = grant == null ? next : grant.combine(next);
        }
        return grant;
    }

    /**
     * Lets the grantee see dropped objects, as the API does before it accepts an ingest request:
     * {@code s3:GetObject} (which also allows HEAD) on every drop bucket's objects, {@code s3:ListBucket}
     * (so a missing object is a 404, not a 403), and {@code kms:Decrypt} on each tier key through S3.
     */
    public Grant grantRead(IGrantable grantee) {
        Grant grant = null;
        for (Map.Entry<Tier, IBucket> drop : buckets.entrySet()) {
            Grant next = Grants.onPrincipal(grantee, List.of("s3:GetObject"), List.of(drop.getValue().arnForObjects("*")))
                    .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket"), List.of(drop.getValue().getBucketArn())))
                    .combine(Grants.keyViaS3(this, grantee, keys.get(drop.getKey()), List.of("kms:Decrypt")));
            grant = grant == null ? next : grant.combine(next);
        }
        return grant;
    }

    /** Lets a producer drop files for one dataset: {@code s3:PutObject} under {@code <dataset>/} of its tier's drop bucket. */
    public Grant grantDrop(IGrantable grantee, Tier tier, String dataset) {
        IBucket bucket = dropBucket(tier);
        return Grants.onPrincipal(grantee, List.of("s3:PutObject", "s3:AbortMultipartUpload"),
                        List.of(bucket.arnForObjects(io.datalake.core.DatasetLayout.prefix(dataset) + "*")))
                .combine(Grants.keyViaS3(this, grantee, keys.get(tier), List.of("kms:GenerateDataKey", "kms:Decrypt")));
    }

    /** The drop bucket of a tier. */
    public IBucket dropBucket(Tier tier) {
        IBucket bucket = buckets.get(tier);
        if (bucket == null) {
            throw new IllegalArgumentException("tier '" + tier.id() + "' is not enabled in this environment");
        }
        return bucket;
    }

    /** The drop buckets by tier. */
    public Map<Tier, IBucket> dropBuckets() {
        return Collections.unmodifiableMap(buckets);
    }

    /** The queue of {@code Object Created} events; the ingest service consumes it. */
    public IQueue queue() {
        return queue;
    }

    /** The timeout the queue's visibility timeout was sized for; the ingest function must not exceed it. */
    public Duration consumerTimeout() {
        return consumerTimeout;
    }

    /** Where events go after {@code maxReceiveCount} failed deliveries. */
    public IQueue deadLetterQueue() {
        return deadLetterQueue;
    }
}
