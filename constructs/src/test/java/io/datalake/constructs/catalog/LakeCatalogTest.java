package io.datalake.constructs.catalog;

import io.datalake.constructs.TestLake;
import io.datalake.constructs.storage.LakeBucket;
import io.datalake.constructs.storage.LakeBucketProps;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;

class LakeCatalogTest {
    static TestLake lake;
    static LakeBucket results;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake(EnvironmentSettings.builder().bytesScannedCutoff(50_000_000_000L).build(), Map.of());
        Key key = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
        results = new LakeBucket(lake.stack, "Results", LakeBucketProps.builder()
                .bucketName(lake.names.athenaResultsBucket()).encryptionKey(key)
                .accessLogBucket(lake.accessLogs.bucket()).build());
        new LakeCatalog(lake.stack, "Catalog", LakeCatalogProps.builder()
                .names(lake.names).storage(lake.storage).resultsBucket(results.bucket()).build());
        template = Template.fromStack(lake.stack);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void workgroupEnforcesEncryptedResultsAndTheScanCutoff(Tier tier) {
        template.hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", "acme-datalake-dev-" + tier.id(),
                "State", "ENABLED",
                "WorkGroupConfiguration", Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "PublishCloudWatchMetricsEnabled", true,
                        "BytesScannedCutoffPerQuery", 50_000_000_000L,
                        "EngineVersion", Map.of("SelectedEngineVersion", "Athena engine version 3"),
                        "ResultConfiguration", Map.of(
                                "OutputLocation", Map.of("Fn::Join", List.of("", List.of(
                                        "s3://", Map.of("Ref", lake.logicalId(results.bucket())), "/" + tier.id() + "/"))),
                                "EncryptionConfiguration", Map.of(
                                        "EncryptionOption", "SSE_KMS",
                                        "KmsKey", lake.arnOf(lake.storage.tier(tier).key()))))));
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void glueDatabasePerTier(Tier tier) {
        template.hasResourceProperties("AWS::Glue::Database", Map.of(
                "CatalogId", Match.anyValue(),
                "DatabaseInput", Match.objectLike(Map.of(
                        "Name", "acme_datalake_dev_" + tier.id(),
                        "LocationUri", "s3://acme-datalake-dev-" + tier.id() + "-eu-west-1/"))));
    }
}
