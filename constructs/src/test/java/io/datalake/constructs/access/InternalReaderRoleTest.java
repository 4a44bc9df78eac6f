package io.datalake.constructs.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.constructs.TestLake;
import io.datalake.constructs.catalog.LakeCatalog;
import io.datalake.constructs.catalog.LakeCatalogProps;
import io.datalake.constructs.storage.LakeBucket;
import io.datalake.constructs.storage.LakeBucketProps;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;

class InternalReaderRoleTest {
    static TestLake lake;
    static LakeBucket results;
    static InternalReaderRole reader;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake();
        Key key = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
        results = new LakeBucket(lake.stack, "Results", LakeBucketProps.builder()
                .bucketName(lake.names.athenaResultsBucket()).encryptionKey(key)
                .accessLogBucket(lake.accessLogs.bucket()).build());
        LakeCatalog catalog = new LakeCatalog(lake.stack, "Catalog", LakeCatalogProps.builder()
                .names(lake.names).storage(lake.storage).resultsBucket(results.bucket()).build());
        reader = new InternalReaderRole(lake.stack, "Reader", InternalReaderRoleProps.builder()
                .names(lake.names).storage(lake.storage).catalog(catalog).build());
        template = Template.fromStack(lake.stack);
    }

    @Test
    void roleIsNamedAndAssumableFromTheAccount() {
        template.hasResourceProperties("AWS::IAM::Role", Map.of(
                "RoleName", "acme-datalake-dev-eu-west-1-internal-reader",
                "AssumeRolePolicyDocument", Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Action", "sts:AssumeRole",
                        "Principal", Map.of("AWS", Map.of("Fn::Join", List.of("", List.of(
                                "arn:", Map.of("Ref", "AWS::Partition"), ":iam::", Map.of("Ref", "AWS::AccountId"), ":root"))))))))));
    }

    @Test
    void policyReachesTheInternalBucketAndKeyOnly() {
        var internal = lake.storage.tier(Tier.INTERNAL);
        var viaS3 = Map.of("StringEquals", Map.of("kms:ViaService", "s3.eu-west-1.amazonaws.com"));
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(reader.role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Map.of("Effect", "Allow", "Action", "s3:GetObject",
                                "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(internal.bucket()), "/*")))),
                        Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", lake.arnOf(internal.bucket())),
                        Map.of("Effect", "Allow", "Action", "kms:Decrypt", "Resource", lake.arnOf(internal.key()),
                                "Condition", viaS3))))));

        String policy = template.findResources("AWS::IAM::Policy").toString();
        for (Tier other : List.of(Tier.RESTRICTED, Tier.SENSITIVE)) {
            assertThat(policy)
                    .doesNotContain(lake.logicalId(lake.storage.tier(other).bucket()))
                    .doesNotContain(lake.logicalId(lake.storage.tier(other).key()))
                    .doesNotContain("workgroup/acme-datalake-dev-" + other.id())
                    .doesNotContain("acme_datalake_dev_" + other.id());
        }
    }

    @Test
    void queriesOnlyInTheInternalWorkgroupAndDatabase() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", lake.logicalId(reader.role()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", Match.arrayWith(List.of("athena:StartQueryExecution")),
                                "Resource", Match.objectLike(Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(
                                        ":workgroup/acme-datalake-dev-internal"))))))),
                        Match.objectLike(Map.of("Action", List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                                "Resource", Map.of("Fn::Join", List.of("", List.of(lake.arnOf(results.bucket()), "/internal/*"))))),
                        Match.objectLike(Map.of("Action", Match.arrayWith(List.of("glue:GetTable")))))))));
    }
}
