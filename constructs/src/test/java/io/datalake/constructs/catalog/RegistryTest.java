package io.datalake.constructs.catalog;

import io.datalake.constructs.TestLake;
import io.datalake.core.RegistryTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;

class RegistryTest {
    static TestLake lake;
    static Key key;
    static Registry registry;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake();
        key = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
        registry = new Registry(lake.stack, "Registry", RegistryProps.builder().names(lake.names).encryptionKey(key).build());
        registry.grantReadData(Role.Builder.create(lake.stack, "Api").assumedBy(new AccountRootPrincipal()).build());
        template = Template.fromStack(lake.stack);
    }

    @ParameterizedTest
    @EnumSource(RegistryTable.class)
    void tableIsEncryptedRecoverableAndRetained(RegistryTable kind) {
        List<Object> keySchema = new ArrayList<>(List.of(Map.of("AttributeName", kind.partitionKey(), "KeyType", "HASH")));
        if (kind.sortKey() != null) {
            keySchema.add(Map.of("AttributeName", kind.sortKey(), "KeyType", "RANGE"));
        }
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "TableName", "acme-datalake-dev-" + kind.id(),
                        "KeySchema", keySchema,
                        "BillingMode", "PAY_PER_REQUEST",
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS",
                                "KMSMasterKeyId", lake.arnOf(key))))));
    }

    @Test
    void grantReadDataCoversEveryTableAndNoWrites() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("dynamodb:Query", "dynamodb:GetItem")),
                        "Resource", Match.arrayWith(List.of(lake.arnOf(registry.table(RegistryTable.RUNS)))))))))));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Action", Match.arrayWith(List.of("dynamodb:PutItem")))))))), 0);
    }
}
