package io.datalake.pipelines.model;

import io.datalake.core.dataset.FileFields;
import io.datalake.core.dataset.FileFields.Field;
import io.datalake.pipelines.model.step.Aggregation;
import io.datalake.pipelines.model.step.KeepRow;
import io.datalake.pipelines.model.step.MaskStrategy;
import java.util.List;
import java.util.Map;

/**
 * The fields a {@code pipeline_config.yaml} may hold at each level, and a hint for each required
 * one, so unknown and missing fields are named like in dataset files.
 */
final class PipelineFields {
    static final List<Field> PIPELINE = List.of(
            Field.optional("name"),
            Field.optional("description"),
            Field.required("inputs", "the datasets it reads, e.g. orders: lake://sales_orders"),
            Field.required("output", "the dataset it writes, e.g. dataset: daily_sales"),
            Field.optional("steps"),
            Field.optional("sparkJob"),
            Field.optional("engine"),
            Field.optional("schedule"),
            Field.optional("timeoutMinutes"),
            Field.optional("retries"));

    static final List<Field> OUTPUT = List.of(
            Field.required("dataset", "a dataset of the environment, e.g. daily_sales"),
            Field.optional("mode"),
            Field.optional("downgrade"));

    static final List<Field> DOWNGRADE = List.of(
            Field.required("reason", "why data of a higher tier may be written to this dataset's lower tier,"
                    + " e.g. reason: only counts per department, no person-level data"));

    static final List<Field> SPARK_JOB = List.of(
            Field.required("class", "the job class, e.g. com.acme.lake.ChurnScores"),
            Field.optional("jar"));

    static final List<Field> ENGINE = List.of(
            Field.optional("type"),
            Field.optional("workers"),
            Field.optional("workerType"),
            Field.optional("maxVcpu"),
            Field.optional("maxMemoryGb"));

    /** The step kinds, each a key of a step; a step has exactly one. */
    static final List<String> STEP_KINDS = List.of("sql", "deduplicate", "sort", "join", "lookup", "mask", "aggregate");

    static final List<Field> STEP = List.of(
            Field.optional("name"),
            Field.optional("sql"),
            Field.optional("deduplicate"),
            Field.optional("sort"),
            Field.optional("join"),
            Field.optional("lookup"),
            Field.optional("mask"),
            Field.optional("aggregate"));

    static final Map<String, List<Field>> STEP_FIELDS = Map.of(
            "deduplicate", List.of(
                    Field.optional("from"),
                    Field.required("keys", "the columns that identify a row"),
                    Field.required("keep", KeepRow.allowed()),
                    Field.required("orderBy", "the columns that decide which row is first")),
            "sort", List.of(
                    Field.optional("from"),
                    Field.required("orderBy", "columns, each optionally followed by asc or desc"),
                    Field.optional("nulls")),
            "join", List.of(
                    Field.optional("left"),
                    Field.required("right", "the view to join with"),
                    Field.optional("type"),
                    Field.optional("on"),
                    Field.optional("using"),
                    Field.optional("select")),
            "lookup", List.of(
                    Field.optional("from"),
                    Field.required("reference", "the view to look values up in"),
                    Field.required("keys", "the matching columns, e.g. [sku] or {product_sku: sku}"),
                    Field.required("fields", "the reference's columns to add"),
                    Field.optional("joinType")),
            "mask", List.of(
                    Field.optional("from"),
                    Field.required("columns", "the columns to mask"),
                    Field.required("strategy", MaskStrategy.allowed())),
            "aggregate", List.of(
                    Field.optional("from"),
                    Field.optional("groupBy"),
                    Field.required("metrics", "result columns mapped to " + Aggregation.allowed()
                            + " of a column, e.g. revenue: sum(amount)")));

    private PipelineFields() {
    }

    static String missing(String path, String name) {
        return FileFields.missing(path, PIPELINE, name);
    }
}
