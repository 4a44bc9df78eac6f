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
import io.datalake.constructs.access.KeyPolicy;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
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
    private final String ruleArn;
    private boolean sendersRestricted;

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
        // The rule has a fixed name, so the queue and key policies can name it without a dependency cycle
        // (key -> rule -> queue -> key), which is why the CDK's SQS target leaves an encrypted queue's policy open.
        Stack stack = Stack.of(this);
        this.ruleArn = stack.formatArn(ArnComponents.builder().service("events").resource("rule")
                .resourceName(names.dropEventRule()).arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        for (Queue target : List.of(queue, deadLetterQueue)) {
            target.addToResourcePolicy(PolicyStatement.Builder.create()
                    .sid("DropEventsOnly")
                    .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(target.getQueueArn()))
                    .conditions(fromTheRule(stack))
                    .build());
        }
        props.queueKey().addToResourcePolicy(KeyPolicy.forService(this, "DropEventsToQueues", "events.amazonaws.com",
                List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(ruleArn)));

        Rule.Builder.create(this, "ObjectCreated")
                .ruleName(names.dropEventRule())
                .description("Files dropped into " + names.environmentStack() + "'s drop buckets, for ingest")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(Map.of("bucket", Map.of("name", bucketNames)))
                        .build())
                .targets(List.of(new QueueTarget(queue, deadLetterQueue)))
                .build();
    }

    private Map<String, Object> fromTheRule(Stack stack) {
        return Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArn),
                "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()));
    }

    /**
     * Makes the queue refuse {@code sqs:SendMessage} from everyone but the drop rule and the given
     * senders (the API), whatever their own IAM policies allow, and lets the senders send. An ingest
     * request can then come only from the API, and an object event only from the drop buckets' rule.
     * Call it once, with every sender.
     */
    public void restrictSendersTo(List<IRole> senders) {
        if (sendersRestricted) {
            throw new IllegalStateException("the drop queue's senders are already restricted: name every sender in one call");
        }
        sendersRestricted = true;
        List<String> arns = new ArrayList<>();
        senders.forEach(sender -> {
            queue.grantSendMessages(sender);
            arns.add(sender.getRoleArn());
        });
        Map<String, Object> conditions = new java.util.LinkedHashMap<>();
        conditions.put("ArnNotEquals", arns.isEmpty() ? Map.of("aws:SourceArn", ruleArn)
                : Map.of("aws:SourceArn", ruleArn, "aws:PrincipalArn", arns));
        queue.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("OnlyTheDropRuleAndTheApiSend")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(queue.getQueueArn()))
                .conditions(conditions)
                .build());
    }

    /** The drop rule's target: the queue, with its own dead-letter queue and retries; the policies are set above. */
    private static final class QueueTarget implements IRuleTarget {
        private final Queue queue;
        private final Queue deadLetterQueue;

        QueueTarget(Queue queue, Queue deadLetterQueue) {
            this.queue = queue;
            this.deadLetterQueue = deadLetterQueue;
        }

        @Override
        public RuleTargetConfig bind(software.amazon.awscdk.interfaces.events.IRuleRef rule) {
            return bind(rule, null);
        }

        @Override
        public RuleTargetConfig bind(software.amazon.awscdk.interfaces.events.IRuleRef rule, String id) {
            return RuleTargetConfig.builder()
                    .arn(queue.getQueueArn())
                    .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetterQueue.getQueueArn()).build())
                    .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                            .maximumEventAgeInSeconds((int) Duration.hours(24).toSeconds().doubleValue())
                            .maximumRetryAttempts(185)
                            .build())
                    .build();
        }
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

    /**
     * Lets a producer drop files for one dataset: {@code s3:PutObject} (single and multipart uploads, which
     * carry no {@code If-None-Match}), {@code s3:AbortMultipartUpload} and {@code s3:ListMultipartUploadParts}
     * under {@code <dataset>/} of its tier's drop bucket, and the tier key through S3.
     */
    public Grant grantDrop(IGrantable grantee, Tier tier, String dataset) {
        IBucket bucket = dropBucket(tier);
        return Grants.onPrincipal(grantee, List.of("s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
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
