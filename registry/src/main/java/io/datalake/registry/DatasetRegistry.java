package io.datalake.registry;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The datasets table of the lake's registry: one item per deployed dataset, keyed by its name.
 * S3 stays the source of truth; this is the fast index the CLI and the API read, written by
 * {@code deploy-dataset} after its stack is deployed.
 */
public final class DatasetRegistry {
    private static final String KEY = RegistryTable.DATASETS.partitionKey();
    /** The string set of datasets made from this one. */
    private static final String DOWNSTREAMS = RegistryTable.DOWNSTREAMS;
    /** Items per scan page; DynamoDB caps a page at 1 MB anyway. */
    private static final int PAGE_SIZE = 100;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int pageSize;

    /** The registry of an environment: the table {@link LakeNames#registryTable} names. */
    public DatasetRegistry(DynamoDbClient dynamo, LakeNames names) {
        this(dynamo, names.registryTable(RegistryTable.DATASETS), PAGE_SIZE);
    }

    /** Package-private so a test can read in small pages and see that every page is read. */
    DatasetRegistry(DynamoDbClient dynamo, String table, int pageSize) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.pageSize = pageSize;
    }

    /**
     * Records a dataset, replacing what was recorded for it before, but keeping the downstreams the
     * pipelines recorded: they belong to the consumers, not to the dataset's file.
     */
    public void register(DatasetRegistration registration) {
        Map<String, AttributeValue> item = toItem(registration);
        Map<String, String> names = new java.util.LinkedHashMap<>();
        Map<String, AttributeValue> values = new java.util.LinkedHashMap<>();
        List<String> sets = new java.util.ArrayList<>();
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            if (!e.getKey().equals(KEY)) {
                names.put("#a" + i, e.getKey());
                values.put(":v" + i, e.getValue());
                sets.add("#a" + i + " = :v" + i);
                i++;
            }
        }
        call("dynamodb:UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(KEY, item.get(KEY)))
                .updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeNames(names).expressionAttributeValues(values)));
    }

    /**
     * Records that {@code downstream} was made from {@code upstream}, as a pipeline run does when it
     * commits an update. Idempotent (a set); an upstream that is not registered is left alone.
     */
    public void addDownstream(String upstream, String downstream) {
        try {
            call("dynamodb:UpdateItem", () -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(KEY, s(upstream)))
                    .updateExpression("ADD #d :d").conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#d", DOWNSTREAMS, "#k", KEY))
                    .expressionAttributeValues(Map.of(":d", AttributeValue.fromSs(List.of(downstream))))));
        } catch (RegistryException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
        }
    }

    /** The datasets recorded as made from this one, by name. */
    public List<String> downstreams(String dataset) {
        Map<String, AttributeValue> item = call("dynamodb:GetItem", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(KEY, s(dataset))).projectionExpression("#d").expressionAttributeNames(Map.of("#d", DOWNSTREAMS))
                .consistentRead(true))).item();
        AttributeValue set = item == null ? null : item.get(DOWNSTREAMS);
        return set == null || !set.hasSs() ? List.of() : set.ss().stream().sorted().toList();
    }

    /** The recorded dataset, read consistently so that a registration just written is seen. */
    public Optional<DatasetRegistration> find(String dataset) {
        Map<String, AttributeValue> item = call("dynamodb:GetItem", () -> dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(KEY, s(dataset))).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Every recorded dataset, ordered by name. */
    public List<DatasetRegistration> list() {
        return call("dynamodb:Scan", () -> dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true).limit(pageSize))
                .items().stream()
                .map(DatasetRegistry::fromItem)
                .sorted(Comparator.comparing(DatasetRegistration::dataset))
                .toList());
    }

    /** Forgets a dataset; forgetting one that is not recorded is not an error. */
    public void deregister(String dataset) {
        call("dynamodb:DeleteItem", () -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of(KEY, s(dataset)))));
    }

    private <T> T call(String action, Supplier<T> call) {
        return Items.call(table, call);
    }

    private static Map<String, AttributeValue> toItem(DatasetRegistration r) {
        return Map.of(
                KEY, s(r.dataset()),
                "tier", s(r.tier().id()),
                "owner", s(r.owner()),
                "description", s(r.description()),
                "env", s(r.env()),
                "stackName", s(r.stackName()),
                "spec", s(r.spec()),
                "deployedAt", s(r.deployedAt().toString()));
    }

    private static DatasetRegistration fromItem(Map<String, AttributeValue> item) {
        return new DatasetRegistration(
                text(item, KEY),
                Tier.parse("tier of registry item " + text(item, KEY), text(item, "tier")),
                text(item, "owner"),
                item.containsKey("description") ? text(item, "description") : "",
                text(item, "env"),
                text(item, "stackName"),
                text(item, "spec"),
                Instant.parse(text(item, "deployedAt")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return Items.text(item, name);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
