package io.datalake.registry;

import static io.datalake.registry.Items.s;

import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The grants table: who was given which access to a dataset, by whom and when. */
public final class GrantRegistry {
    private static final String PK = RegistryTable.GRANTS.partitionKey();
    private static final String SK = RegistryTable.GRANTS.sortKey();

    private final DynamoDbClient dynamo;
    private final String table;

    public GrantRegistry(DynamoDbClient dynamo, LakeNames names) {
        this.dynamo = dynamo;
        this.table = names.registryTable(RegistryTable.GRANTS);
    }

    /** Records a grant, replacing an earlier one of the same principal. */
    public void grant(GrantRecord grant) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(PK, s(grant.dataset()), SK, s(grant.principal()),
                "level", s(grant.level().id()), "grantedAt", s(grant.grantedAt().toString())));
        if (grant.grantedBy() != null) {
            item.put("grantedBy", s(grant.grantedBy()));
        }
        Items.call(table, () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    /** Removes a grant; returns false when there was none. */
    public boolean revoke(String dataset, String principal) {
        Map<String, AttributeValue> old = Items.call(table, () -> dynamo.deleteItem(r -> r.tableName(table)
                .key(Map.of(PK, s(dataset), SK, s(principal))).returnValues(ReturnValue.ALL_OLD))).attributes();
        return old != null && !old.isEmpty();
    }

    /** A dataset's grants, by principal. */
    public List<GrantRecord> list(String dataset) {
        return Items.call(table, () -> dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", s(dataset)))
                .consistentRead(true)).items().stream().map(item -> new GrantRecord(Items.text(item, PK), Items.text(item, SK),
                        AccessLevel.valueOf(Items.text(item, "level").toUpperCase(Locale.ROOT)),
                        Items.optionalText(item, "grantedBy"), Instant.parse(Items.text(item, "grantedAt")))).toList());
    }
}
