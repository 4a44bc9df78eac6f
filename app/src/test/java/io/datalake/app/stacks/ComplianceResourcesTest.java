package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.core.BackupSettings;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.RegistryTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * What the compliance settings build: with the defaults (dev) and with every option on (the
 * test-only {@code dr} environment: replication to another account and region, a locked vault with
 * copies, its own concurrency). Each app is synthesized once.
 */
class ComplianceResourcesTest {
    static CloudAssembly dev;
    static CloudAssembly dr;
    static EnvironmentStack devStack;

    @BeforeAll
    static void synth() {
        App devApp = TestApps.app("dev");
        devStack = LakeApp.build(devApp);
        dev = devApp.synth();
        App drApp = TestApps.app(TestApps.replicationConfig(), TestApps.REPLICATION_ENV);
        LakeApp.build(drApp);
        dr = drApp.synth();
    }

    @SuppressWarnings("unchecked")
    private static Template template(CloudAssembly assembly, String stackName) {
        return Template.fromJSON((Map<String, Object>) assembly.getStackByName(stackName).getTemplate());
    }

    private static Map<String, Object> platformKey() {
        return Map.of("Fn::GetAtt", List.of(devStack.resolve(((software.amazon.awscdk.CfnElement) devStack.platformKey()
                .getNode().getDefaultChild()).getLogicalId()), "Arn"));
    }

    /** A policy document property holding (at least) a statement like the given one. */
    private static Map<String, Object> withStatement(String property, Map<String, Object> statement) {
        return Map.of(property, Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement))))));
    }

    /** An {@code Fn::Join} one of whose parts is the given text. */
    private static Object joinWith(String part) {
        return Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(part))))));
    }

    @Test
    void registryTablesAreBackedUpDailyIntoAVaultEncryptedWithThePlatformKey() {
        Template env = template(dev, "acme-datalake-dev");
        env.hasResourceProperties("AWS::Backup::BackupVault", Map.of(
                "BackupVaultName", "acme-datalake-dev-registry",
                "EncryptionKeyArn", platformKey(),
                // Nobody may delete a recovery point or shorten its lifecycle.
                "AccessPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Action", Match.arrayWith(List.of("backup:DeleteRecoveryPoint"))))))))));
        env.hasResource("AWS::Backup::BackupVault", Map.of("DeletionPolicy", "Retain"));
        assertThat(env.findResources("AWS::Backup::BackupVault").values().toString()).doesNotContain("LockConfiguration");
        env.hasResourceProperties("AWS::Backup::BackupPlan", Map.of("BackupPlan", Map.of(
                "BackupPlanName", "acme-datalake-dev-registry",
                "BackupPlanRule", List.of(Match.objectLike(Map.of(
                        "RuleName", "daily",
                        "ScheduleExpression", "cron(0 3 * * ? *)",
                        "Lifecycle", Map.of("DeleteAfterDays", BackupSettings.DEFAULT_RETENTION_DAYS),
                        "CopyActions", Match.absent()))))));
        Map<String, Map<String, Object>> selections = env.findResources("AWS::Backup::BackupSelection");
        assertThat(selections).hasSize(1);
        String selected = selections.values().iterator().next().toString();
        for (RegistryTable table : RegistryTable.values()) {
            String id = devStack.resolve(((software.amazon.awscdk.CfnElement) devStack.registry().table(table)
                    .getNode().getDefaultChild()).getLogicalId()).toString();
            assertThat(selected).as(table.id()).contains(id);
        }
    }

    @Test
    void everyLogGroupOfEveryStackIsEncryptedAndExpires() {
        int logGroups = 0;
        for (CloudFormationStackArtifact stack : dev.getStacks()) {
            Map<String, Map<String, Object>> found = template(dev, stack.getStackName()).findResources("AWS::Logs::LogGroup");
            for (Map.Entry<String, Map<String, Object>> group : found.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties = (Map<String, Object>) group.getValue().get("Properties");
                assertThat(properties).as(stack.getStackName() + " " + group.getKey()).containsKeys("KmsKeyId", "RetentionInDays");
                logGroups++;
            }
        }
        assertThat(logGroups).isGreaterThanOrEqualTo(7);
        Template env = template(dev, "acme-datalake-dev");
        for (String name : List.of("/aws/lambda/acme-datalake-dev-ingest", "/aws/lambda/acme-datalake-dev-api",
                "/datalake/acme-datalake-dev/platform/api-access")) {
            env.hasResourceProperties("AWS::Logs::LogGroup", Map.of("LogGroupName", name, "KmsKeyId", platformKey()));
        }
        // CloudWatch Logs may use the platform key for the platform's log groups only.
        env.hasResourceProperties("AWS::KMS::Key", withStatement("KeyPolicy", Map.of("Sid", "PlatformLogs",
                "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        Match.arrayWith(List.of(joinWith(":log-group:/aws/lambda/acme-datalake-dev-*"))))))));
        template(dev, "acme-datalake-dev-pipelines").hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", "/aws/vendedlogs/states/acme-datalake-dev-convert",
                "KmsKeyId", Map.of("Fn::ImportValue", "acme-datalake-dev-platform-key-arn")));
    }

    @Test
    void ingestIsCappedByItsEventSourceAndTheApiByReservedConcurrency() {
        Template env = template(dev, "acme-datalake-dev");
        env.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig",
                Map.of("MaximumConcurrency", EnvironmentSettings.DEFAULT_INGEST_MAX_CONCURRENCY)));
        env.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "acme-datalake-dev-api",
                "ReservedConcurrentExecutions", EnvironmentSettings.DEFAULT_API_RESERVED_CONCURRENCY));
        env.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "acme-datalake-dev-ingest",
                "ReservedConcurrentExecutions", Match.absent()));
        Template drEnv = template(dr, "acme-datalake-dr");
        drEnv.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("ScalingConfig", Map.of("MaximumConcurrency", 4)));
        drEnv.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", "acme-datalake-dr-api",
                "ReservedConcurrentExecutions", 7));
    }

    @Test
    void replicationIsOffByDefault() {
        assertThat(dev.getStacks()).extracting(CloudFormationStackArtifact::getStackName).doesNotContain("acme-datalake-dev-replica");
        Map<String, Map<String, Object>> buckets = template(dev, "acme-datalake-dev").findResources("AWS::S3::Bucket");
        assertThat(buckets.values().toString()).doesNotContain("ReplicationConfiguration", "ObjectLock");
    }

    @Test
    void replicationCopiesTierAndLogBucketsToLockedReplicasOfAnotherAccount() {
        CloudFormationStackArtifact replica = dr.getStackByName("acme-datalake-dr-replica");
        assertThat(replica.getEnvironment().getAccount()).isEqualTo(TestApps.REPLICATION_TARGET_ACCOUNT);
        assertThat(replica.getEnvironment().getRegion()).isEqualTo("eu-central-1");
        assertThat(dr.getStackByName("acme-datalake-dr").getDependencies()).extracting(d -> d.getId())
                .contains(replica.getId());
        Template replicas = template(dr, "acme-datalake-dr-replica");
        Object role = joinWith(":iam::" + TestApps.REPLICATION_SOURCE_ACCOUNT + ":role/acme-datalake-dr-eu-west-1-replication");
        for (String name : List.of("acme-datalake-dr-internal-replica-eu-central-1", "acme-datalake-dr-sensitive-replica-eu-central-1",
                "acme-datalake-dr-access-logs-replica-eu-central-1")) {
            replicas.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", name,
                    "ObjectLockEnabled", true,
                    "ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of("DefaultRetention",
                            Map.of("Mode", "COMPLIANCE", "Days", 45))),
                    "BucketEncryption", Match.objectLike(Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(
                            Map.of("ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms"))))))),
                    "VersioningConfiguration", Map.of("Status", "Enabled")));
        }
        replicas.resourceCountIs("AWS::S3::Bucket", 4);
        // Only the source environment's replication role may write replicas.
        replicas.hasResourceProperties("AWS::S3::BucketPolicy", withStatement("PolicyDocument", Map.of("Sid", "SourceReplication",
                "Action", List.of("s3:ObjectOwnerOverrideToBucketOwner", "s3:ReplicateObject", "s3:ReplicateTags"),
                "Condition", Map.of("ArnEquals", Map.of("aws:PrincipalArn", role)))));
        replicas.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/acme-datalake-dr-replica"));

        Template env = template(dr, "acme-datalake-dr");
        for (String tier : List.of("internal", "sensitive")) {
            env.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dr-" + tier + "-eu-west-1",
                    "ReplicationConfiguration", Match.objectLike(Map.of("Rules", List.of(Match.objectLike(Map.of(
                            "Status", "Enabled",
                            "DeleteMarkerReplication", Map.of("Status", "Disabled"),
                            "SourceSelectionCriteria", Map.of("SseKmsEncryptedObjects", Map.of("Status", "Enabled")),
                            "Destination", Match.objectLike(Map.of(
                                    "Bucket", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(Match.arrayWith(List.of(
                                            ":s3:::acme-datalake-dr-" + tier + "-replica-eu-central-1")))))),
                                    "Account", TestApps.REPLICATION_TARGET_ACCOUNT,
                                    "AccessControlTranslation", Map.of("Owner", "Destination"),
                                    "EncryptionConfiguration", Map.of("ReplicaKmsKeyID", Match.objectLike(Map.of("Fn::Join",
                                            Match.arrayWith(List.of(Match.arrayWith(List.of(
                                                    ":kms:eu-central-1:222233334444:alias/acme-datalake-dr-replica"))))))))))))))));
        }
        env.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dr-access-logs-eu-west-1",
                "ReplicationConfiguration", Match.objectLike(Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "Status", "Enabled", "SourceSelectionCriteria", Match.absent())))))));
        Map<String, Object> trust = withStatement("AssumeRolePolicyDocument", Map.of("Principal", Map.of("Service", "s3.amazonaws.com"),
                "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", TestApps.REPLICATION_SOURCE_ACCOUNT))));
        env.hasResourceProperties("AWS::IAM::Role", Map.of("RoleName", "acme-datalake-dr-eu-west-1-replication",
                "AssumeRolePolicyDocument", trust.get("AssumeRolePolicyDocument")));
        // In another account, the replica key's own policy admits the role: the grant names the account and S3 there.
        env.hasResourceProperties("AWS::IAM::Policy", withStatement("PolicyDocument", Map.of(
                "Action", List.of("kms:Encrypt", "kms:GenerateDataKey"),
                "Resource", joinWith(":kms:eu-central-1:" + TestApps.REPLICATION_TARGET_ACCOUNT + ":key/*"),
                "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-central-1.amazonaws.com")))));
        replicas.hasResourceProperties("AWS::KMS::Key", withStatement("KeyPolicy", Map.of("Sid", "SourceReplication",
                "Condition", Map.of("ArnEquals", Map.of("aws:PrincipalArn", role),
                        "StringEquals", Map.of("kms:ViaService", "s3.eu-central-1.amazonaws.com")))));
        // Buckets that are not replicated on purpose stay so.
        env.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "acme-datalake-dr-artifacts-eu-west-1",
                "ReplicationConfiguration", Match.absent()));
    }

    @Test
    void aLockedVaultCopiesEachBackupToTheVaultOfAnotherAccount() {
        Template env = template(dr, "acme-datalake-dr");
        env.hasResourceProperties("AWS::Backup::BackupVault", Map.of("BackupVaultName", "acme-datalake-dr-registry",
                "LockConfiguration", Map.of("MinRetentionDays", 90, "ChangeableForDays", BackupSettings.VAULT_LOCK_GRACE_DAYS)));
        env.hasResourceProperties("AWS::Backup::BackupPlan", Map.of("BackupPlan", Match.objectLike(Map.of(
                "BackupPlanRule", List.of(Match.objectLike(Map.of(
                        "Lifecycle", Map.of("DeleteAfterDays", 90),
                        "CopyActions", List.of(Map.of("DestinationBackupVaultArn", TestApps.BACKUP_COPY_VAULT,
                                "Lifecycle", Map.of("DeleteAfterDays", 90))))))))));
    }
}
