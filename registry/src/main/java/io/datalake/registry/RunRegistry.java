package io.datalake.registry;

import static io.datalake.registry.Items.n;
import static io.datalake.registry.Items.s;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The runs table: every pipeline run, shown by {@code GET /runs} and {@code lake runs}. */
public final class RunRegistry {
    private static final String PK = RegistryTable.RUNS.partitionKey();
    private static final String SK = RegistryTable.RUNS.sortKey();

    private final DynamoDbClient dynamo;
    private final String table;

    public RunRegistry(DynamoDbClient dynamo, LakeNames names) {
        this.dynamo = dynamo;
        this.table = names.registryTable(RegistryTable.RUNS);
    }

    /** Records a run or its new state. */
    public void record(RunRecord run) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(PK, s(run.pipeline()), SK, s(run.runId()),
                "state", s(run.state()), "startedAt", s(run.startedAt().toString())));
        if (run.endedAt() != null) {
            item.put("endedAt", s(run.endedAt().toString()));
        }
        if (run.rows() != null) {
            item.put("rows", n(run.rows()));
        }
        if (run.error() != null) {
            item.put("error", s(run.error()));
        }
        Items.call(table, () -> dynamo.putItem(r -> r.tableName(table).item(item)));
    }

    /** The runs of one pipeline, newest first. */
    public List<RunRecord> list(String pipeline, int limit) {
        return Items.call(table, () -> dynamo.query(r -> r.tableName(table).keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK)).expressionAttributeValues(Map.of(":pk", s(pipeline)))
                .scanIndexForward(false).limit(limit).consistentRead(true))).items().stream().map(RunRegistry::fromItem).toList();
    }

    /** The latest runs of every pipeline, newest first. */
    public List<RunRecord> recent(int limit) {
        return Items.call(table, () -> dynamo.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(RunRegistry::fromItem)
                .sorted(Comparator.comparing(RunRecord::startedAt).reversed())
                .limit(limit).toList());
    }

    private static RunRecord fromItem(Map<String, AttributeValue> item) {
        String ended = Items.optionalText(item, "endedAt");
        return new RunRecord(Items.text(item, PK), Items.text(item, SK), Items.text(item, "state"),
                Instant.parse(Items.text(item, "startedAt")), ended == null ? null : Instant.parse(ended),
                Items.optionalNumber(item, "rows"), Items.optionalText(item, "error"));
    }
}
