package io.datalake.constructs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.constructs.TestLake;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.Tier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;

class TieredStorageTest {
    static TestLake lake;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake(EnvironmentSettings.builder().noncurrentVersionDays(30).build(), Map.of());
        Role reader = Role.Builder.create(lake.stack, "Reader").assumedBy(new AccountRootPrincipal()).build();
        lake.storage.grantRead(reader, Tier.RESTRICTED, "sales/");
        Role writer = Role.Builder.create(lake.stack, "Writer").assumedBy(new AccountRootPrincipal()).build();
        lake.storage.grantWrite(writer, Tier.SENSITIVE, "hr/raw/");
        Role ingest = Role.Builder.create(lake.stack, "Ingest").assumedBy(new AccountRootPrincipal()).build();
        lake.storage.tier(Tier.RESTRICTED).grantIngest(ingest, java.util.List.of());
        lake.storage.tier(Tier.INTERNAL).expireRawAfter(List.of(180, 30, 180));
        template = Template.fromStack(lake.stack);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void dataBucketIsNamedByTheSchemeAndEncryptedWithItsTierKey(Tier tier) {
        TierBucket storage = lake.storage.tier(tier);
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "acme-datalake-dev-" + tier.id() + "-eu-west-1",
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Map.of(
                                "SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", lake.arnOf(storage.key()))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                "LoggingConfiguration", Map.of(
                        "DestinationBucketName", Map.of("Ref", lake.logicalId(lake.accessLogs.bucket())),
                        "LogFilePrefix", "acme-datalake-dev-" + tier.id() + "-eu-west-1/")));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                "Description", Match.stringLikeRegexp(".*the " + tier.id() + "-tier datasets.*")));
        template.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/acme-datalake-dev-" + tier.id()));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void tierKeyLetsCloudWatchLogsEncryptOnlyPipelineAndGlueLogGroups(Tier tier) {
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "Description", Match.stringLikeRegexp(".*the " + tier.id() + "-tier datasets.*"),
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "PipelineLogs",
                        "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"),
                        "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", List.of(
                                Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                        ":logs:eu-west-1:", Map.of("Ref", "AWS::AccountId"),
                                        ":log-group:/datalake/acme-datalake-dev/*"))),
                                Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"),
                                        ":logs:eu-west-1:", Map.of("Ref", "AWS::AccountId"),
                                        ":log-group:/aws-glue/jobs/acme-datalake-dev-*")))))))))))));
    }

    @Test
    void rawRetentionIsOneTagFilteredExpirationRulePerDistinctValue() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "acme-datalake-dev-internal-eu-west-1",
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                        Map.of("Id", "expire-raw-after-30-days", "Status", "Enabled", "ExpirationInDays", 30,
                                "TagFilters", List.of(Map.of("Key", "lake-raw-retention", "Value", "30"))),
                        Map.of("Id", "expire-raw-after-180-days", "Status", "Enabled", "ExpirationInDays", 180,
                                "TagFilters", List.of(Map.of("Key", "lake-raw-retention", "Value", "180"))))))));
        String internal = template.findResources("AWS::S3::Bucket", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("BucketName", "acme-datalake-dev-internal-eu-west-1"))))).toString();
        assertThat(internal.split("expire-raw-after-", -1)).as("one rule per distinct value").hasSize(3);
        assertThat(template.findResources("AWS::S3::Bucket", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("BucketName", "acme-datalake-dev-restricted-eu-west-1"))))).toString())
                .as("no dataset of that tier has a retention").doesNotContain("expire-raw-after");
    }

    @Test
    void onlyTheIngestMayTagAndOnlyRawObjects() {
        String policies = template.findResources("AWS::IAM::Policy").toString();
        assertThat(policies.split("s3:PutObjectTagging", -1)).as("one statement, the ingest's").hasSize(2);
        String ingest = template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", lake.stack.getLogicalId(
                        (software.amazon.awscdk.CfnElement) lake.stack.getNode().findChild("Ingest").getNode()
                                .getDefaultChild())))))))).toString();
        int tagging = ingest.indexOf("s3:PutObjectTagging");
        assertThat(tagging).isPositive();
        int next = ingest.indexOf("Action=", tagging);
        String statement = ingest.substring(tagging, next < 0 ? ingest.length() : next);
        assertThat(statement).contains("/*/raw/*").doesNotContain("/*/updates/*").doesNotContain("/*/data/*");
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void dataBucketsAndKeysAreRetained(Tier tier) {
        template.hasResource("AWS::S3::Bucket", Map.of(
                "Properties", Match.objectLike(Map.of("BucketName", "acme-datalake-dev-" + tier.id() + "-eu-west-1")),
                "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        template.hasResource("AWS::KMS::Key", Map.of(
                "Properties", Match.objectLike(Map.of("Description", Match.stringLikeRegexp(".*the " + tier.id() + "-tier.*"))),
                "DeletionPolicy", "Retain"));
    }

    @Test
    void lifecycleAbortsUploadsAndExpiresNoncurrentVersions() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "acme-datalake-dev-restricted-eu-west-1",
                "LifecycleConfiguration", Map.of("Rules", List.of(
                        Map.of("Id", "abort-incomplete-multipart-uploads", "Status", "Enabled",
                                "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)),
                        Map.of("Id", "expire-noncurrent-versions", "Status", "Enabled",
                                "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30))))));
    }

    @Test
    void bucketPolicyDeniesInsecureTransportAndOldTls() {
        TierBucket internal = lake.storage.tier(Tier.INTERNAL);
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of(
                "Bucket", Map.of("Ref", lake.logicalId(internal.bucket())),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                                "Condition", Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2)))))))));
    }

    @Test
    void grantReadIsScopedToTheDatasetPrefixAndTheKeyThroughS3() {
        TierBucket restricted = lake.storage.tier(Tier.RESTRICTED);
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(lake.stack.getNode().findChild("Reader")))),
                "PolicyDocument", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Action", "s3:GetObject",
                                "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(restricted.bucket()), "/sales/*")))),
                        Map.of("Effect", "Allow", "Action", "s3:ListBucket",
                                "Resource", lake.arnOf(restricted.bucket()),
                                "Condition", Map.of("StringLike", Map.of("s3:prefix", List.of("sales/", "sales/*")))),
                        Map.of("Effect", "Allow", "Action", "kms:Decrypt",
                                "Resource", lake.arnOf(restricted.key()),
                                "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com")))))));
    }

    @Test
    void grantWriteAddsObjectsUnderThePrefixButNeverDeletes() {
        TierBucket sensitive = lake.storage.tier(Tier.SENSITIVE);
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(lake.stack.getNode().findChild("Writer")))),
                "PolicyDocument", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Action", List.of("s3:PutObject", "s3:AbortMultipartUpload"),
                                "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(sensitive.bucket()), "/hr/raw/*")))),
                        Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                                "Resource", lake.arnOf(sensitive.key()),
                                "Condition", Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com")))))));
        assertThat(template.toJSON().toString()).doesNotContain("s3:DeleteObject");
    }

    @Test
    void failsForAPrefixWithAWildcardOrWithoutSlash() {
        TierBucket internal = lake.storage.tier(Tier.INTERNAL);
        Role role = Role.Builder.create(lake.stack, "Other").assumedBy(new AccountRootPrincipal()).build();
        assertThatThrownBy(() -> internal.grantRead(role, "*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("datasetPrefix must be a dataset folder ending in '/', such as 'sales/' or 'sales/raw/',"
                        + " without wildcards, but '*' was given");
        assertThatThrownBy(() -> internal.grantWrite(role, "sales")).hasMessageContaining("but 'sales' was given");
    }

    @Test
    void onlyEnabledTiersGetStorage() {
        TestLake partial = new TestLake(EnvironmentSettings.builder()
                .enabledTiers(EnumSet.of(Tier.INTERNAL, Tier.SENSITIVE)).build(), Map.of());
        Template t = Template.fromStack(partial.stack);
        t.resourceCountIs("AWS::KMS::Key", 2);
        t.resourcePropertiesCountIs("AWS::S3::Bucket", Map.of("BucketName", Match.stringLikeRegexp(".*restricted.*")), 0);
        assertThatThrownBy(() -> partial.storage.tier(Tier.RESTRICTED))
                .hasMessage("tier 'restricted' is not enabled in this environment; enabled tiers are internal, sensitive");
    }

    @Test
    void destroyingDataNeedsTheContextFlagAndWarns() {
        TestLake throwaway = new TestLake(EnvironmentSettings.defaults(), Map.of(DataRetention.DESTROY_DATA_CONTEXT, "true"));
        Template t = Template.fromStack(throwaway.stack);
        assertThat(t.findResources("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete"))).hasSize(4);
        Annotations.fromStack(throwaway.stack).hasWarning("/Test/Storage/Internal/Bucket",
                Match.stringLikeRegexp(".*datalake:destroyData=true: deleting this stack deletes Test/Storage/Internal/Bucket.*"));
    }

}
