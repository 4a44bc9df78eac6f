package io.datalake.registry;

import static io.datalake.registry.Items.s;

import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** The grants table: who was given which access to a dataset, by whom and when. */
public final class GrantRegistry {
    private static final String PK = RegistryTable.GRANTS.partitionKey();
    private static final String SK = RegistryTable.GRANTS.sortKey();
    /** The sort key of a dataset's grant lock; principals are role ARNs, so it can be no principal. */
    private static final String LOCK = "#lock";

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

    /**
     * Takes the dataset's grant lock for {@code owner}: an item beside its grants that a conditional
     * write creates when there is none or the last holder's lease ran out. Changing a role's trust
     * policy is a read-modify-write in IAM, so two grants at the same moment could otherwise lose one.
     *
     * @return whether the lock is now the owner's
     */
    public boolean lock(String dataset, String owner, Instant now, Duration lease) {
        try {
            Items.call(table, () -> dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of(PK, s(dataset), SK, s(LOCK), "owner", s(owner),
                            "leaseUntil", AttributeValue.fromN(Long.toString(now.plus(lease).toEpochMilli()))))
                    .conditionExpression("attribute_not_exists(#sk) OR #until < :now")
                    .expressionAttributeNames(Map.of("#sk", SK, "#until", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))));
            return true;
        } catch (RegistryException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    /** Gives the lock back, if the owner still holds it (a lease that ran out may have passed it on). */
    public void unlock(String dataset, String owner) {
        try {
            Items.call(table, () -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of(PK, s(dataset), SK, s(LOCK)))
                    .conditionExpression("#owner = :owner").expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(owner)))));
        } catch (RegistryException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
        }
    }

    /** A dataset's grants, by principal. */
    public List<GrantRecord> list(String dataset) {
        return Items.call(table, () -> dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", s(dataset)))
                .consistentRead(true)).items().stream().filter(item -> !LOCK.equals(Items.text(item, SK)))
                .map(item -> new GrantRecord(Items.text(item, PK), Items.text(item, SK),
                        AccessLevel.valueOf(Items.text(item, "level").toUpperCase(Locale.ROOT)),
                        Items.optionalText(item, "grantedBy"), Instant.parse(Items.text(item, "grantedAt")))).toList());
    }
}
