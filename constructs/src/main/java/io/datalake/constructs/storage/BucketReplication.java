package io.datalake.constructs.storage;

import io.datalake.constructs.access.Grants;
import io.datalake.constructs.checks.Suppressions;
import io.datalake.core.LakeNames;
import io.datalake.core.ReplicationSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The source side of {@code settings.replication}: S3 replicates every new object version of each
 * tier's data bucket and of the access-log bucket to its replica ({@link ReplicaStorage}, deployed
 * first, possibly in another account and region), re-encrypted with the replica key. Deletes are not
 * replicated, and the replicas' Object Lock keeps each version for the retention set, so neither a
 * mistake nor a compromised account here can remove the copy. The role
 * {@code <org>-datalake-<env>-<region>-replication} may read object versions of those buckets only
 * and write replicas into the replica buckets only.
 */
public class BucketReplication extends Construct {
    private final Role role;
    private final ReplicationSettings settings;
    private final String replicaAccount;
    private final boolean crossAccount;
    private final String partition;

    /**
     * @param storage the tier buckets replicated
     * @param accessLogBucket the access-log bucket replicated
     */
    public BucketReplication(Construct scope, String id, LakeNames names, TieredStorage storage, IBucket accessLogBucket) {
        super(scope, id);
        this.settings = names.environment().settings().replication().orElseThrow(() -> new IllegalArgumentException(
                "settings.replication must be set for a BucketReplication, but replication is off in environment "
                        + names.environment().name()));
        Stack stack = Stack.of(this);
        this.partition = stack.getPartition();
        this.replicaAccount = settings.account().orElse(stack.getAccount());
        this.crossAccount = settings.account().isPresent()
                && !settings.account().equals(names.environment().account());
        this.role = Role.Builder.create(this, "Role")
                .roleName(names.replicationRole())
                .description("S3 replication of " + names.environmentStack() + "'s tier and access-log buckets")
                .assumedBy(new ServicePrincipal("s3.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", stack.getAccount()))))
                .build();
        String replicaKeyAlias = "arn:" + partition + ":kms:" + names.replicaRegion() + ":" + replicaAccount + ":"
                + names.replicaKeyAlias();
        List<String> replicas = new ArrayList<>();
        for (TierBucket tier : storage.tiers()) {
            replicas.add(replicate(tier.bucket(), tier.key(), names.replicaBucket(tier.tier()), replicaKeyAlias));
        }
        replicas.add(replicate(accessLogBucket, null, names.accessLogReplicaBucket(), replicaKeyAlias));
        Grants.onPrincipal(role, List.of("s3:ReplicateObject", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"),
                replicas.stream().map(bucket -> "arn:" + partition + ":s3:::" + bucket + "/*").toList());
        // The replica key's id is only known where it lives. In another account its key policy is what admits
        // this role (only the replica key trusts it); in this account, its alias narrows the grant to it.
        String replicaKeys = "arn:" + partition + ":kms:" + names.replicaRegion() + ":" + replicaAccount + ":key/*";
        Map<String, Map<String, String>> viaS3 = Map.of("StringEquals",
                Map.of("kms:ViaService", "s3." + names.replicaRegion() + ".amazonaws.com"));
        Grants.onPrincipal(role, List.of("kms:Encrypt", "kms:GenerateDataKey"), List.of(replicaKeys), crossAccount ? viaS3
                : Map.of("StringEquals", viaS3.get("StringEquals"),
                        "ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", names.replicaKeyAlias())));

        String findingAccount = settings.account().orElse(Suppressions.account(this));
        List<String> wildcards = new ArrayList<>(List.of("Resource::arn:<AWS::Partition>:kms:" + names.replicaRegion() + ":"
                + findingAccount + ":key/*"));
        replicas.forEach(bucket -> wildcards.add("Resource::arn:<AWS::Partition>:s3:::" + bucket + "/*"));
        wildcards.add("Resource::" + Suppressions.arnOf(accessLogBucket) + "/*");
        storage.tiers().forEach(tier -> wildcards.add("Resource::" + Suppressions.arnOf(tier.bucket()) + "/*"));
        Suppressions.add(role, "AwsSolutions-IAM5", "Replication copies every object version of the replicated buckets"
                + " into their replicas; the replica key is named by its alias, since its id exists only in the replica"
                + " account.", wildcards);
    }

    private String replicate(IBucket source, IKey key, String replica, String replicaKeyAlias) {
        Grants.onPrincipal(role, List.of("s3:GetReplicationConfiguration", "s3:ListBucket"), List.of(source.getBucketArn()));
        Grants.onPrincipal(role, List.of("s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"),
                List.of(source.arnForObjects("*")));
        CfnBucket.ReplicationDestinationProperty.Builder destination = CfnBucket.ReplicationDestinationProperty.builder()
                .bucket("arn:" + partition + ":s3:::" + replica)
                .encryptionConfiguration(CfnBucket.EncryptionConfigurationProperty.builder()
                        .replicaKmsKeyId(replicaKeyAlias).build());
        if (crossAccount) {
            // Another account owns the replicas, so that this account cannot delete or read them.
            destination.account(replicaAccount)
                    .accessControlTranslation(CfnBucket.AccessControlTranslationProperty.builder().owner("Destination").build());
        }
        CfnBucket.ReplicationRuleProperty.Builder rule = CfnBucket.ReplicationRuleProperty.builder()
                .id("locked-replica")
                .status("Enabled")
                .priority(1)
                .filter(CfnBucket.ReplicationRuleFilterProperty.builder().prefix("").build())
                // A delete here must not reach the copy.
                .deleteMarkerReplication(CfnBucket.DeleteMarkerReplicationProperty.builder().status("Disabled").build())
                .destination(destination.build());
        if (key != null) {
            Grants.keyViaS3(this, role, key, List.of("kms:Decrypt"));
            rule.sourceSelectionCriteria(CfnBucket.SourceSelectionCriteriaProperty.builder()
                    .sseKmsEncryptedObjects(CfnBucket.SseKmsEncryptedObjectsProperty.builder().status("Enabled").build())
                    .build());
        }
        CfnBucket cfn = (CfnBucket) Objects.requireNonNull(source.getNode().getDefaultChild(), "source bucket");
        cfn.setReplicationConfiguration(CfnBucket.ReplicationConfigurationProperty.builder()
                .role(role.getRoleArn())
                .rules(List.of(rule.build()))
                .build());
        return replica;
    }

    /** The role S3 replicates with. */
    public IRole role() {
        return role;
    }
}
