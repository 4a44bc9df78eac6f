package io.datalake.constructs.storage;

import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.LakeNames;
import io.datalake.core.ReplicationSettings;
import io.datalake.core.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.AccountPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.constructs.Construct;

/**
 * The destination side of {@code settings.replication}: one replica bucket per tier and one for the
 * access logs, each with S3 Object Lock (default retention {@code retentionDays} in
 * {@code lockMode}), encrypted with a replica key of their own, and a bucket for their own access
 * logs. The buckets and the key let only the source environment's replication role
 * ({@code aws:PrincipalArn}) write replicas, so this stack can be deployed before that role exists.
 */
public class ReplicaStorage extends Construct {
    private final Key key;
    private final List<IBucket> replicas = new ArrayList<>();

    /**
     * @param sourceAccount the account of the source environment; its replication role is trusted
     */
    public ReplicaStorage(Construct scope, String id, LakeNames names, String sourceAccount) {
        super(scope, id);
        ReplicationSettings settings = names.environment().settings().replication().orElseThrow(
                () -> new IllegalArgumentException("settings.replication must be set for ReplicaStorage, but replication"
                        + " is off in environment " + names.environment().name()));
        Stack stack = Stack.of(this);
        String sourceRole = "arn:" + stack.getPartition() + ":iam::" + sourceAccount + ":role/" + names.replicationRole();
        Map<String, Map<String, String>> fromSourceRole = Map.of("ArnEquals", Map.of("aws:PrincipalArn", sourceRole));

        this.key = Key.Builder.create(this, "Key")
                .alias(names.replicaKeyAlias())
                .description("Encrypts the locked replicas of " + names.environmentStack() + "'s buckets")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(30))
                .removalPolicy(DataRetention.removalPolicy(this))
                .build();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SourceReplication")
                .principals(List.of(new AccountPrincipal(sourceAccount)))
                .actions(List.of("kms:Encrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", sourceRole),
                        "StringEquals", Map.of("kms:ViaService", "s3." + stack.getRegion() + ".amazonaws.com")))
                .build());

        LakeBucket logs = new LakeBucket(this, "AccessLogs", LakeBucketProps.builder()
                .bucketName(names.replicaLogBucket())
                .accessLogTarget(true)
                .expirationDays(names.environment().settings().accessLogDays())
                .noncurrentVersionDays(1)
                .build());
        Suppressions.add(logs, "AwsSolutions-S1", "This bucket receives the server access logs of the replica buckets;"
                + " logging it to itself would loop.", List.of());
        Suppressions.addHipaaNist(logs.bucket().getNode().getDefaultChild(), "S3DefaultEncryptionKMS", "S3 server access"
                + " logging can deliver only to a bucket encrypted with SSE-S3, not SSE-KMS.");
        Suppressions.addHipaaNist(logs.bucket().getNode().getDefaultChild(), "S3BucketReplicationEnabled", "These are the"
                + " access logs of the replicas, which are themselves the copy.");

        Duration retention = Duration.days(settings.retentionDays());
        ObjectLockRetention lock = settings.lockMode() == ReplicationSettings.LockMode.COMPLIANCE
                ? ObjectLockRetention.compliance(retention) : ObjectLockRetention.governance(retention);
        for (Tier tier : names.environment().settings().enabledTiers()) {
            replica(TieredStorage.idOf(tier), names.replicaBucket(tier), lock, logs, sourceAccount, fromSourceRole,
                    names.environment().settings().noncurrentVersionDays(), null);
        }
        replica("AccessLogReplica", names.accessLogReplicaBucket(), lock, logs, sourceAccount, fromSourceRole, 1,
                names.environment().settings().accessLogDays());
    }

    private void replica(String id, String name, ObjectLockRetention lock, LakeBucket logs, String sourceAccount,
            Map<String, Map<String, String>> fromSourceRole, int noncurrentDays, Integer expirationDays) {
        LakeBucket replica = new LakeBucket(this, id, LakeBucketProps.builder()
                .bucketName(name)
                .encryptionKey(key)
                .accessLogBucket(logs.bucket())
                .objectLock(lock)
                .noncurrentVersionDays(noncurrentDays)
                .expirationDays(expirationDays)
                .build());
        IBucket bucket = replica.bucket();
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SourceReplication")
                .principals(List.of(new AccountPrincipal(sourceAccount)))
                .actions(List.of("s3:ReplicateObject", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"))
                .resources(List.of(bucket.arnForObjects("*")))
                .conditions(fromSourceRole)
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SourceReplicationCheck")
                .principals(List.of(new AccountPrincipal(sourceAccount)))
                .actions(List.of("s3:GetBucketVersioning", "s3:ListBucket"))
                .resources(List.of(bucket.getBucketArn()))
                .conditions(fromSourceRole)
                .build());
        Suppressions.addHipaaNist(bucket.getNode().getDefaultChild(), "S3BucketReplicationEnabled", "This bucket is the"
                + " locked replica; replicating it again would copy the copy.");
        replicas.add(bucket);
    }

    /** The key of the replicas. */
    public IKey key() {
        return key;
    }

    /** The replica buckets: one per tier, in tier order, then the access logs' replica. */
    public List<IBucket> replicas() {
        return Collections.unmodifiableList(replicas);
    }
}
