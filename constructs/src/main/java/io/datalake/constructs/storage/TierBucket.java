package io.datalake.constructs.storage;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.access.KeyPolicy;
import io.datalake.core.LakeNames;
import io.datalake.core.RawRetention;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * One tier's data bucket ({@code <org>-datalake-<env>-<tier>-<region>}) and the customer-managed
 * KMS key that encrypts it. Datasets are top-level prefixes of the bucket; the grant methods are
 * scoped to such a prefix and grant the key only for use through S3.
 */
public class TierBucket extends Construct {
    /** Where Glue writes the logs of jobs that run under a security configuration. */
    public static final String GLUE_LOG_GROUPS = "/aws-glue/";

    private final Tier tier;
    private final Key key;
    private final LakeBucket bucket;

    public TierBucket(Construct scope, String id, TierBucketProps props) {
        super(scope, id);
        this.tier = props.tier();
        this.key = Key.Builder.create(this, "Key")
                .alias(props.names().keyAlias(tier))
                .description("Encrypts the " + tier.id() + "-tier datasets of " + props.names().environmentStack())
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(DataRetention.removalPolicy(this))
                .policy(KeyPolicy.document(this, props.names().environment().settings().keyAdmins()))
                .build();
        allowPipelineLogs(props.names());
        this.bucket = new LakeBucket(this, "Bucket", LakeBucketProps.builder()
                .bucketName(props.names().dataBucket(tier))
                .encryptionKey(key)
                .accessLogBucket(props.accessLogBucket())
                .noncurrentVersionDays(props.settings().noncurrentVersionDays())
                .build());
    }

    /**
     * Lets CloudWatch Logs encrypt the log groups of the lake's pipelines ({@link LakeNames#logGroupPrefix()})
     * and of the lake's Glue jobs under a security configuration ({@value #GLUE_LOG_GROUPS}{@code jobs/<org>-datalake-<env>-*},
     * named after the job's security configuration, which {@link LakeNames} starts with the environment's
     * prefix) with this key: a pipeline's logs hold its data's values (a failing row, a query plan), so
     * they get its tier's key. The encryption context names the log group (and with it the account), so
     * no other log group can use the key; CloudWatch Logs documents this condition, not {@code aws:SourceAccount}.
     */
    private void allowPipelineLogs(LakeNames names) {
        Stack stack = Stack.of(this);
        String logGroups = "arn:" + stack.getPartition() + ":logs:" + stack.getRegion() + ":" + stack.getAccount()
                + ":log-group:";
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("PipelineLogs")
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        List.of(logGroups + names.logGroupPrefix() + "*", logGroups + glueLogGroups(names) + "*"))))
                .build());
    }

    /** {@code /aws-glue/jobs/<org>-datalake-<env>-}: where Glue logs the lake's jobs under their security configurations. */
    public static String glueLogGroups(LakeNames names) {
        return GLUE_LOG_GROUPS + "jobs/" + names.environmentStack() + "-";
    }

    public Tier tier() {
        return tier;
    }

    /**
     * Expires raw files after their dataset's {@code rawRetentionDays}: one lifecycle rule per
     * distinct value, filtered by the {@link RawRetention#TAG} the ingest puts on raw objects only
     * (a tag filter cannot be limited to {@code *}{@code /raw/}; data/ and updates/ never carry the
     * tag). Expiring makes the current version noncurrent; the noncurrent-version rule then deletes it.
     *
     * @param retentionDays the distinct retentions of the tier's datasets ({@link RawRetention#distinct})
     */
    public void expireRawAfter(java.util.Collection<Integer> retentionDays) {
        for (int days : new java.util.TreeSet<>(retentionDays)) {
            bucket.addLifecycleRule(software.amazon.awscdk.services.s3.LifecycleRule.builder()
                    .id(RawRetention.ruleId(days))
                    .tagFilters(Map.of(RawRetention.TAG, RawRetention.tagValue(days)))
                    .expiration(Duration.days(days))
                    .build());
        }
    }

    public IBucket bucket() {
        return bucket.bucket();
    }

    public IKey key() {
        return key;
    }

    /**
     * Lets the grantee read one dataset: {@code s3:GetObject} on {@code <prefix>*},
     * {@code s3:ListBucket} limited by {@code s3:prefix} to the prefix, and {@code kms:Decrypt} on the
     * tier key only through S3.
     *
     * @param datasetPrefix a dataset's prefix, such as {@code sales/}
     */
    public Grant grantRead(IGrantable grantee, String datasetPrefix) {
        return Grants.readPrefix(this, grantee, bucket(), key, checkPrefix(datasetPrefix));
    }

    /**
     * Lets the grantee read every dataset of the tier: {@code s3:GetObject} on all objects,
     * {@code s3:ListBucket}, and {@code kms:Decrypt} on the tier key only through S3.
     */
    public Grant grantReadAll(IGrantable grantee) {
        return Grants.onPrincipal(grantee, List.of("s3:GetObject"), List.of(bucket().arnForObjects("*")))
                .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket"), List.of(bucket().getBucketArn())))
                .combine(Grants.keyViaS3(this, grantee, key, List.of("kms:Decrypt")));
    }

    /**
     * Lets the grantee add objects under a prefix: {@code s3:PutObject} and
     * {@code s3:AbortMultipartUpload} on {@code <prefix>*}, and {@code kms:GenerateDataKey} and
     * {@code kms:Decrypt} (needed for multipart uploads) on the tier key only through S3. It grants
     * no delete: completed updates are immutable.
     *
     * @param keyPrefix a dataset prefix or a folder of one, such as {@code sales/raw/}
     */
    public Grant grantWrite(IGrantable grantee, String keyPrefix) {
        return Grants.writePrefix(this, grantee, bucket(), key, checkPrefix(keyPrefix), false);
    }

    /**
     * What the ingest service needs in every dataset of the tier, and no more:
     * <ul>
     *   <li>{@code s3:PutObject} under {@code <dataset>/raw/}: a streamed upload or multipart upload (no
     *       {@code x-amz-copy-source}), or a server-side copy ({@code CopyObject}, {@code UploadPartCopy})
     *       whose {@code s3:x-amz-copy-source} is in one of {@code copySources}: never a copy of a lake data
     *       bucket's object, so a forged ingest request cannot move data across tiers or datasets;</li>
     *   <li>{@code s3:PutObject} under {@code <dataset>/updates/} only with {@code If-None-Match: *}: a
     *       manifest is never replaced;</li>
     *   <li>{@code s3:AbortMultipartUpload} under {@code raw/}; {@code s3:PutObjectTagging} under {@code raw/} only (the
     *       retention tag, so no lifecycle rule reaches {@code data/} or {@code updates/}); {@code s3:GetObject} under {@code raw/} and
     *       {@code updates/} (read back what it wrote, find manifests), {@code s3:ListBucket} limited to those
     *       folders, and the tier key through S3.</li>
     * </ul>
     * No delete, nothing under {@code data/}.
     *
     * @param copySources buckets a raw file may be copied from: the drop buckets and the configured source buckets
     */
    public Grant grantIngest(IGrantable grantee, List<String> copySources) {
        String raw = bucket().arnForObjects("*/raw/*");
        List<String> sources = new java.util.ArrayList<>();
        copySources.forEach(source -> {
            sources.add(source + "/*");
            sources.add("/" + source + "/*");
        });
        return Grants.onPrincipal(grantee, List.of("s3:PutObject"), List.of(raw),
                        Map.of("Null", Map.of("s3:x-amz-copy-source", "true")))
                .combine(Grants.onPrincipal(grantee, List.of("s3:PutObject"), List.of(raw),
                        Map.of("StringLike", Map.of("s3:x-amz-copy-source", sources))))
                .combine(Grants.onPrincipal(grantee, List.of("s3:PutObject"), List.of(bucket().arnForObjects("*/updates/*")),
                        Map.of("Null", Map.of("s3:if-none-match", "false"))))
                .combine(Grants.onPrincipal(grantee, List.of("s3:AbortMultipartUpload"), List.of(raw)))
                // The retention tag (RawRetention) goes on raw files only, so no lifecycle rule reaches data/ or updates/.
                .combine(Grants.onPrincipal(grantee, List.of("s3:PutObjectTagging"), List.of(raw)))
                .combine(Grants.onPrincipal(grantee, List.of("s3:GetObject"), List.of(raw, bucket().arnForObjects("*/updates/*"))))
                .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket"), List.of(bucket().getBucketArn()),
                        Map.of("StringLike", Map.of("s3:prefix", List.of("*/raw/*", "*/updates/*")))))
                .combine(Grants.keyViaS3(this, grantee, key, List.of("kms:GenerateDataKey", "kms:Decrypt")));
    }

    /**
     * Read access to every dataset's manifests, for the API: {@code s3:GetObject} on
     * {@code <dataset>/updates/*}, {@code s3:ListBucket} limited to those folders, and the tier key through S3.
     */
    public Grant grantReadManifests(IGrantable grantee) {
        return Grants.onPrincipal(grantee, List.of("s3:GetObject"), List.of(bucket().arnForObjects("*/updates/*")))
                // Listing, limited to manifests, makes a missing manifest a 404 rather than a 403.
                .combine(Grants.onPrincipal(grantee, List.of("s3:ListBucket"), List.of(bucket().getBucketArn()),
                        java.util.Map.of("StringLike", java.util.Map.of("s3:prefix", List.of("*/updates/*")))))
                .combine(Grants.keyViaS3(this, grantee, key, List.of("kms:Decrypt")));
    }

    private static String checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[a-z][a-z0-9_-]*/([A-Za-z0-9_.=-]+/)*")) {
            throw new IllegalArgumentException("datasetPrefix must be a dataset folder ending in '/', such as"
                    + " 'sales/' or 'sales/raw/', without wildcards, but '" + prefix + "' was given");
        }
        return prefix;
    }
}
