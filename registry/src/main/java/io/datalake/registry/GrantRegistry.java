package io.datalake.registry;

import static io.datalake.registry.Items.s;

import io.datalake.core.AccessLevel;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
    /** Longer than a change takes (two IAM calls and a write); a holder that died frees the lock after it. */
    public static final Duration LOCK_LEASE = Duration.ofSeconds(30);
    /** Tries to take a held lock before giving up, {@link #LOCK_WAIT} apart. */
    public static final int LOCK_ATTEMPTS = 20;
    private static final Duration LOCK_WAIT = Duration.ofMillis(100);

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

    /**
     * Runs a change of the dataset's grants under its lock, waiting up to about two seconds
     * ({@value #LOCK_ATTEMPTS} tries) for another holder, and gives the lock back afterwards.
     *
     * @param owner who takes the lock, e.g. a request id; unique per change
     * @return the change's result, or empty when another change held the lock all along
     */
    public <T> Optional<T> underLock(String dataset, String owner, Clock clock, Supplier<T> change) {
        for (int attempt = 1; !lock(dataset, owner, clock.instant(), LOCK_LEASE); attempt++) {
            if (attempt == LOCK_ATTEMPTS) {
                return Optional.empty();
            }
            try {
                Thread.sleep(LOCK_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        try {
            return Optional.of(change.get());
        } finally {
            unlock(dataset, owner);
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
