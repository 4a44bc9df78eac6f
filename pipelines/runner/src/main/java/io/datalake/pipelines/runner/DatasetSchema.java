package io.datalake.pipelines.runner;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.pipelines.model.step.StepSql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's declared schema in Spark: the type mapping of {@code ColumnType} (the one the Glue
 * tables and the local conversion use too), and the check that data about to be written is what the
 * dataset declares.
 */
public final class DatasetSchema {
    private DatasetSchema() {
    }

    /** The dataset's columns as a Spark schema, in order, with their nullability. */
    public static StructType of(DatasetSpec dataset) {
        StructType schema = StructType.fromDDL(dataset.schema().stream()
                .map(c -> StepSql.quote(c.name()) + " " + c.type().sparkType())
                .collect(Collectors.joining(", ")));
        // fromDDL makes every field nullable; the declaration decides.
        return new StructType(Arrays.stream(schema.fields())
                .map(f -> f.copy(f.name(), f.dataType(), column(dataset, f.name()).nullable(), f.metadata()))
                .toArray(org.apache.spark.sql.types.StructField[]::new));
    }

    private static Column column(DatasetSpec dataset, String name) {
        return dataset.schema().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The data with exactly the dataset's columns, in its order, cast to its types. A dataset
     * without a schema takes the data as it is.
     *
     * @param what what the data is, for messages: {@code the result of pipeline daily_sales}
     * @throws LakeConfigException naming the columns the data lacks or has in excess; a cast that
     *         does not fit (ANSI mode) fails when Spark runs it
     */
    public static Dataset<Row> conform(Dataset<Row> data, DatasetSpec dataset, String what) {
        if (!dataset.hasSchema()) {
            return data;
        }
        List<String> have = Arrays.asList(data.columns());
        List<String> declared = dataset.schema().stream().map(Column::name).toList();
        List<String> missing = declared.stream().filter(c -> !have.contains(c)).toList();
        List<String> extra = have.stream().filter(c -> !declared.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add("lacks " + String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                parts.add("has " + String.join(", ", extra) + ", which the dataset does not declare");
            }
            throw new LakeConfigException(what + " does not match the schema of dataset " + dataset.name() + ": it "
                    + String.join(" and ", parts) + " (declared: " + String.join(", ", declared) + ")");
        }
        return data.selectExpr(dataset.schema().stream()
                .map(c -> "CAST(" + StepSql.quote(c.name()) + " AS " + c.type().sparkType() + ") AS " + StepSql.quote(c.name()))
                .toArray(String[]::new));
    }

    /**
     * Checks the columns declared {@code nullable: false}: Spark does not enforce it when it reads
     * or writes, so the runner counts the nulls itself before anything is committed.
     *
     * @throws LakeConfigException naming each such column that has nulls, and how many
     */
    public static void checkNotNull(Dataset<Row> data, DatasetSpec dataset, String what) {
        List<Column> required = dataset.schema().stream().filter(c -> !c.nullable()).toList();
        if (required.isEmpty()) {
            return;
        }
        Row counts = data.selectExpr(required.stream()
                .map(c -> "count_if(" + StepSql.quote(c.name()) + " IS NULL)").toArray(String[]::new)).first();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < required.size(); i++) {
            long nulls = counts.getLong(i);
            if (nulls > 0) {
                problems.add(required.get(i).name() + " (" + nulls + " row" + (nulls == 1 ? "" : "s") + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new LakeConfigException(what + " has no value in columns dataset " + dataset.name()
                    + " declares nullable: false: " + String.join(", ", problems));
        }
    }
}
