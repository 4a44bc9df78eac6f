package io.datalake.constructs.storage;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * A bucket with the lake's secure defaults, which callers cannot switch off: SSE-KMS with a
 * customer-managed key and bucket keys, TLS 1.2+ only, public access blocked, ACLs disabled,
 * versioning, server access logs, aborted multipart uploads and expiring noncurrent versions, and
 * retention on stack deletion (see {@link DataRetention}). The access-log bucket is the one
 * exception to KMS and logging, because S3 log delivery requires SSE-S3 and cannot log to itself.
 */
public class LakeBucket extends Construct {
    private final Bucket bucket;

    /** Feature flag that delivers access logs through a bucket policy instead of ACLs. */
    static final String LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    public LakeBucket(Construct scope, String id, LakeBucketProps props) {
        super(scope, id);
        // ACLs stay disabled whatever the app's feature flags say: log delivery uses the bucket policy.
        getNode().setContext(LOGS_USE_BUCKET_POLICY, true);
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder()
                .id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(LakeBucketProps.DEFAULT_ABORT_MULTIPART_DAYS))
                .build());
        rules.add(LifecycleRule.builder()
                .id("expire-noncurrent-versions")
                .noncurrentVersionExpiration(Duration.days(props.noncurrentVersionDays()))
                .build());
        if (props.expirationDays() != null) {
            rules.add(LifecycleRule.builder()
                    .id("expire-objects")
                    .expiration(Duration.days(props.expirationDays()))
                    .build());
        }
        Bucket.Builder builder = Bucket.Builder.create(this, "Resource")
                .bucketName(props.bucketName())
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .lifecycleRules(rules)
                .removalPolicy(DataRetention.removalPolicy(this));
        if (props.accessLogTarget()) {
            builder.encryption(BucketEncryption.S3_MANAGED);
        } else {
            builder.encryption(BucketEncryption.KMS)
                    .encryptionKey(props.encryptionKey())
                    .bucketKeyEnabled(true)
                    .serverAccessLogsBucket(props.accessLogBucket())
                    .serverAccessLogsPrefix(props.bucketName() + "/");
        }
        if (props.objectLock() != null) {
            builder.objectLockEnabled(true).objectLockDefaultRetention(props.objectLock());
        }
        this.bucket = builder.build();
    }

    /** Adds a lifecycle rule beside the bucket's own (multipart uploads, noncurrent versions). */
    public void addLifecycleRule(LifecycleRule rule) {
        bucket.addLifecycleRule(rule);
    }

    /** The underlying bucket. */
    public IBucket bucket() {
        return bucket;
    }

    /** Sends every object event to EventBridge, set on the bucket itself (no custom resource). */
    public void enableEventBridge() {
        CfnBucket cfn = (CfnBucket) bucket.getNode().getDefaultChild();
        cfn.setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                        .eventBridgeEnabled(true)
                        .build())
                .build());
    }
}
