package io.datalake.registry;

import static io.datalake.registry.Items.n;
import static io.datalake.registry.Items.s;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The updates table: one item per update of a dataset, sorted by update id (and so by time).
 * State changes are conditional on the state they leave, so two workers cannot both move an update.
 */
public final class UpdateRegistry {
    private static final String PK = RegistryTable.UPDATES.partitionKey();
    private static final String SK = RegistryTable.UPDATES.sortKey();

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
     */
    public boolean transition(UpdateRecord next, UpdateState expected) {
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
