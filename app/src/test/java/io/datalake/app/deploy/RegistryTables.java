package io.datalake.app.deploy;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Creates registry tables in DynamoDB Local with the key schema from {@link RegistryTable}, as the Registry construct does. */
public final class RegistryTables {
    private RegistryTables() {
    }

    public static void create(DynamoDbClient dynamo, LakeNames names, RegistryTable kind) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(
                KeySchemaElement.builder().attributeName(kind.partitionKey()).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName(kind.partitionKey()).attributeType(ScalarAttributeType.S).build()));
        if (kind.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(kind.sortKey()).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(kind.sortKey()).attributeType(ScalarAttributeType.S).build());
        }
        dynamo.createTable(r -> r.tableName(names.registryTable(kind)).keySchema(keys).attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
