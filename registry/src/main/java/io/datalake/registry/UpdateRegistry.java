package io.datalake.registry;

import static io.datalake.registry.Items.n;
import static io.datalake.registry.Items.s;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IllegalTransitionException;
import io.datalake.core.update.UpdateState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The updates table: one item per update of a dataset, sorted by update id (and so by time).
 * State changes are conditional on the state they leave, so two workers cannot both move an update,
 * and only along the lifecycle of {@link UpdateState}. A commit in progress holds the item's
 * attempt ({@link #begin}): the registry's conditional write is what makes a commit once-only on
 * stores that ignore {@code If-None-Match} (s3proxy).
 */
public final class UpdateRegistry {
    private static final String PK = RegistryTable.UPDATES.partitionKey();
    private static final String SK = RegistryTable.UPDATES.sortKey();
    private static final String ATTEMPT = "attempt";
    private static final String ATTEMPT_AT = "attemptAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public UpdateRegistry(DynamoDbClient dynamo, LakeNames names) {
        this.dynamo = dynamo;
        this.table = names.registryTable(RegistryTable.UPDATES);
    }

    /** Records an update that is not recorded yet; returns false when it already is. */
    public boolean create(UpdateRecord record) {
        try {
            Items.call(table, () -> dynamo.putItem(r -> r.tableName(table).item(toItem(record))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return true;
        } catch (RegistryException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Replaces the record if it is still in {@code expected}; returns false when another worker moved it.
     *
     * @throws IllegalTransitionException when the lifecycle has no move from {@code expected} to the record's state
     */
    public boolean transition(UpdateRecord next, UpdateState expected) {
        expected.checkMove(next.state(), next.dataset() + "@" + next.update());
        try {
            Items.call(table, () -> dynamo.putItem(r -> r.tableName(table).item(toItem(next))
                    .conditionExpression("#state = :expected")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":expected", s(expected.id())))));
            return true;
        } catch (RegistryException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Takes the update's commit attempt: it must still be in {@code expected}, and no other attempt may hold it
     * unless that attempt started before {@code staleBefore} (it crashed, or outlived its lease). Taking it again
     * with the same id is how a retry of the same producer (an ingest's delivery) resumes.
     *
     * @return false when the update is in another state or another live attempt holds it
     */
    public boolean begin(String dataset, UpdateId update, UpdateState expected, String attempt, Instant now,
            Instant staleBefore) {
        return conditional(() -> dynamo.updateItem(r -> r.tableName(table).key(key(dataset, update))
                .updateExpression("SET #attempt = :a, #attemptAt = :now")
                .conditionExpression("#state = :expected AND (attribute_not_exists(#attempt) OR #attempt = :a"
                        + " OR #attemptAt < :stale)")
                .expressionAttributeNames(Map.of("#state", "state", "#attempt", ATTEMPT, "#attemptAt", ATTEMPT_AT))
                .expressionAttributeValues(Map.of(":expected", s(expected.id()), ":a", s(attempt), ":now", s(now.toString()),
                        ":stale", s(staleBefore.toString())))));
    }

    /**
     * Moves the update to the record's state, if it is still in {@code expected} and the attempt still
     * holds it. The attempt keeps holding it until it {@link #release}s it after announcing the new
     * state, so that an announcement a kill prevented is made by whoever recovers the update.
     *
     * @return false when another attempt took the update over, or it moved
     * @throws IllegalTransitionException when the lifecycle has no such move
     */
    public boolean commit(UpdateRecord next, UpdateState expected, String attempt) {
        expected.checkMove(next.state(), next.dataset() + "@" + next.update());
        Map<String, AttributeValue> item = toItem(next);
        item.put(ATTEMPT, s(attempt));
        item.put(ATTEMPT_AT, s(next.updatedAt().toString()));
        return conditional(() -> dynamo.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("#state = :expected AND #attempt = :a")
                .expressionAttributeNames(Map.of("#state", "state", "#attempt", ATTEMPT))
                .expressionAttributeValues(Map.of(":expected", s(expected.id()), ":a", s(attempt)))));
    }

    /** Ends the attempt without moving the update; returns false when it did not hold it. */
    public boolean release(String dataset, UpdateId update, String attempt) {
        return conditional(() -> dynamo.updateItem(r -> r.tableName(table).key(key(dataset, update))
                .updateExpression("REMOVE #attempt, #attemptAt")
                .conditionExpression("#attempt = :a")
                .expressionAttributeNames(Map.of("#attempt", ATTEMPT, "#attemptAt", ATTEMPT_AT))
                .expressionAttributeValues(Map.of(":a", s(attempt)))));
    }

    /** The commit attempt holding the update, if any. */
    public Optional<UpdateAttempt> attempt(String dataset, UpdateId update) {
        Map<String, AttributeValue> item = Items.call(table, () -> dynamo.getItem(r -> r.tableName(table)
                .key(key(dataset, update)).consistentRead(true))).item();
        if (item == null || Items.optionalText(item, ATTEMPT) == null) {
            return Optional.empty();
        }
        return Optional.of(new UpdateAttempt(Items.text(item, ATTEMPT), Instant.parse(Items.text(item, ATTEMPT_AT))));
    }

    private boolean conditional(Supplier<?> call) {
        try {
            Items.call(table, call);
            return true;
        } catch (RegistryException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return false;
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> key(String dataset, UpdateId update) {
        return Map.of(PK, s(dataset), SK, s(update.toString()));
    }

    public Optional<UpdateRecord> find(String dataset, UpdateId update) {
        Map<String, AttributeValue> item = Items.call(table, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(PK, s(dataset), SK, s(update.toString()))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * A page of a dataset's updates, newest first.
     *
     * <p>A cursor is the id of the last update of the previous page. It is checked strictly against
     * what this registry hands out: the canonical encoding of an update id that the dataset has, so
     * a cursor made up or altered by a client, or one of another dataset, is refused rather than
     * silently starting a page somewhere.
     *
     * @param cursor the {@code next} of the previous page, or {@code null} for the first
     * @throws IllegalArgumentException when the cursor is not one this registry made for the dataset
     */
    public Page<UpdateRecord> page(String dataset, int limit, String cursor) {
        Map<String, AttributeValue> start = cursor == null ? null : decode(dataset, cursor);
        if (start != null && find(dataset, UpdateId.parse(start.get(SK).s())).isEmpty()) {
            throw new IllegalArgumentException("nextToken '" + cursor + "' is not a token this API returned");
        }
        QueryResponse response = Items.call(table, () -> dynamo.query(r -> {
            r.tableName(table).keyConditionExpression("#pk = :pk").expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":pk", s(dataset))).scanIndexForward(false).limit(limit)
                    .consistentRead(true);
            if (start != null) {
                r.exclusiveStartKey(start);
            }
        }));
        List<UpdateRecord> items = response.items().stream().map(UpdateRegistry::fromItem).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(response.lastEvaluatedKey().get(SK).s())) : Optional.empty();
        return new Page<>(items, next);
    }

    /** Every update of a dataset in the given state, oldest first. */
    public List<UpdateRecord> inState(String dataset, UpdateState state) {
        return Items.call(table, () -> dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .filterExpression("#state = :state").expressionAttributeNames(Map.of("#pk", PK, "#state", "state"))
                .expressionAttributeValues(Map.of(":pk", s(dataset), ":state", s(state.id()))).consistentRead(true))
                .items().stream().map(UpdateRegistry::fromItem).toList());
    }

    /** Every update of a dataset that a commit attempt holds, oldest first: what a kill may have left unfinished. */
    public List<UpdateRecord> held(String dataset) {
        return Items.call(table, () -> dynamo.queryPaginator(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .filterExpression("attribute_exists(#attempt)").expressionAttributeNames(Map.of("#pk", PK, "#attempt", ATTEMPT))
                .expressionAttributeValues(Map.of(":pk", s(dataset))).consistentRead(true))
                .items().stream().map(UpdateRegistry::fromItem).toList());
    }

    /** The newest update of a dataset in the given state, e.g. what {@code lake://<dataset>:latest} reads. */
    public Optional<UpdateId> latest(String dataset, UpdateState state) {
        return inState(dataset, state).stream().map(UpdateRecord::update).max(UpdateId::compareTo);
    }

    private static String encode(String update) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(update.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> decode(String dataset, String cursor) {
        try {
            String update = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!UpdateId.FORMAT.matcher(update).matches() || !encode(update).equals(cursor)) {
                throw new IllegalArgumentException("not canonical");
            }
            UpdateId.parse(update);
            return Map.of(PK, s(dataset), SK, s(update));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nextToken '" + cursor + "' is not a token this API returned");
        }
    }

    private static Map<String, AttributeValue> toItem(UpdateRecord r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(r.dataset()));
        item.put(SK, s(r.update().toString()));
        item.put("state", s(r.state().id()));
        item.put("rawBytes", n(r.rawBytes()));
        item.put("createdAt", s(r.createdAt().toString()));
        item.put("updatedAt", s(r.updatedAt().toString()));
        if (r.deliveryKey() != null) {
            item.put("deliveryKey", s(r.deliveryKey()));
        }
        if (r.manifestKey() != null) {
            item.put("manifestKey", s(r.manifestKey()));
        }
        if (r.rowCount() != null) {
            item.put("rowCount", n(r.rowCount()));
        }
        if (r.error() != null) {
            item.put("error", s(r.error()));
        }
        return item;
    }

    private static UpdateRecord fromItem(Map<String, AttributeValue> item) {
        Long bytes = Items.optionalNumber(item, "rawBytes");
        return new UpdateRecord(Items.text(item, PK), UpdateId.parse(Items.text(item, SK)),
                UpdateState.parse(Items.text(item, "state")), Items.optionalText(item, "deliveryKey"),
                Items.optionalText(item, "manifestKey"), bytes == null ? 0 : bytes, Items.optionalNumber(item, "rowCount"),
                Instant.parse(Items.text(item, "createdAt")), Instant.parse(Items.text(item, "updatedAt")),
                Items.optionalText(item, "error"));
    }
}
