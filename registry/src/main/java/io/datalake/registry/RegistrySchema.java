package io.datalake.registry;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the registry tables where no stack does: in the local lake and in tests. The key schema
 * comes from {@link RegistryTable}, as in the {@code Registry} construct, so the two cannot part.
 */
public final class RegistrySchema {
    private RegistrySchema() {
    }

    /** Creates every registry table that does not exist yet. */
    public static void createTables(DynamoDbClient dynamo, LakeNames names) {
        for (RegistryTable kind : RegistryTable.values()) {
            create(dynamo, names, kind);
        }
    }

    /** Creates one table unless it exists. */
    public static void create(DynamoDbClient dynamo, LakeNames names, RegistryTable kind) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(
                KeySchemaElement.builder().attributeName(kind.partitionKey()).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName(kind.partitionKey()).attributeType(ScalarAttributeType.S).build()));
        if (kind.sortKey() != null) {
            keys.add(KeySchemaElement.builder().attributeName(kind.sortKey()).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(kind.sortKey()).attributeType(ScalarAttributeType.S).build());
        }
        try {
            dynamo.createTable(r -> r.tableName(names.registryTable(kind)).keySchema(keys).attributeDefinitions(attributes)
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException e) {
            // Already there, e.g. a local lake started before.
        }
    }
}
