package io.datalake.constructs.catalog;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.ColumnType;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.glue.CfnTable;
import software.constructs.Construct;

/**
 * The Glue tables that let Athena query a dataset without a crawler: one over the Parquet updates
 * in {@code <dataset>/data/}, and, for CSV and JSON deliveries, one over the raw files in
 * {@code <dataset>/raw/}. Both are partitioned by {@value #UPDATE_COLUMN} with partition projection,
 * so a new update is queryable the moment its files land:
 * {@code SELECT * FROM sales WHERE update_id = '2026-11-21T101500Z-3f9a'}. A dataset without a
 * schema gets no tables.
 */
public class DatasetTables extends Construct {
    /** The partition column that holds the update id. */
    public static final String UPDATE_COLUMN = "update_id";
    /** The earliest day a date partition column is projected from. */
    public static final String DATE_PROJECTION_START = "2000-01-01";

    private final List<String> tableNames = new ArrayList<>();

    public DatasetTables(Construct scope, String id, DatasetTablesProps props) {
        super(scope, id);
        DatasetSpec dataset = props.dataset();
        if (!dataset.hasSchema()) {
            return;
        }
        LakeNames names = props.names();
        String bucket = "s3://" + names.dataBucket(dataset.tier()) + "/";
        List<Column> partitions = dataset.schema().stream().filter(c -> dataset.partitioning().contains(c.name())).toList();
        List<Column> columns = dataset.schema().stream().filter(c -> !dataset.partitioning().contains(c.name())).toList();

        StringBuilder template = new StringBuilder(bucket + DatasetLayout.dataPrefix(dataset.name()) + "${" + UPDATE_COLUMN + "}/");
        partitions.forEach(p -> template.append(p.name()).append("=${").append(p.name()).append("}/"));
        Map<String, String> dataParameters = projection(partitions, template.toString());
        dataParameters.put("classification", "parquet");
        table("Data", names, dataset, names.glueTable(dataset.name()),
                "Parquet updates of " + dataset.name() + ": " + dataset.description(),
                columns, partitions, bucket + DatasetLayout.dataPrefix(dataset.name()), dataParameters,
                CfnTable.StorageDescriptorProperty.builder()
                        .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                        .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                                .build()));

        FileType type = dataset.format().type();
        if (type == FileType.CSV || type == FileType.JSON) {
            Map<String, String> rawParameters = projection(List.of(),
                    bucket + DatasetLayout.rawPrefix(dataset.name()) + "${" + UPDATE_COLUMN + "}/");
            CfnTable.SerdeInfoProperty serde;
            if (type == FileType.CSV) {
                String delimiter = String.valueOf(dataset.format().delimiter());
                serde = CfnTable.SerdeInfoProperty.builder()
                        .serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                        .parameters(Map.of("field.delim", delimiter, "serialization.format", delimiter))
                        .build();
                rawParameters.put("classification", "csv");
                if (dataset.format().header()) {
                    rawParameters.put("skip.header.line.count", "1");
                }
            } else {
                serde = CfnTable.SerdeInfoProperty.builder()
                        .serializationLibrary("org.openx.data.jsonserde.JsonSerDe")
                        .build();
                rawParameters.put("classification", "json");
            }
            table("Raw", names, dataset, names.glueRawTable(dataset.name()),
                    "Raw " + type.id() + " deliveries of " + dataset.name() + ", as delivered",
                    dataset.schema(), List.of(), bucket + DatasetLayout.rawPrefix(dataset.name()), rawParameters,
                    CfnTable.StorageDescriptorProperty.builder()
                            .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                            .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                            .serdeInfo(serde));
        }
    }

    /**
     * Projection settings: the update id is injected (every query names the update it reads, since
     * ids cannot be enumerated); a date partition column is projected over days; other partition
     * columns are injected too.
     */
    private static Map<String, String> projection(List<Column> partitions, String locationTemplate) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("projection.enabled", "true");
        parameters.put("projection." + UPDATE_COLUMN + ".type", "injected");
        for (Column column : partitions) {
            String key = "projection." + column.name();
            if (column.type().kind() == ColumnType.Kind.DATE) {
                parameters.put(key + ".type", "date");
                parameters.put(key + ".range", DATE_PROJECTION_START + ",NOW");
                parameters.put(key + ".format", "yyyy-MM-dd");
                parameters.put(key + ".interval", "1");
                parameters.put(key + ".interval.unit", "DAYS");
            } else {
                parameters.put(key + ".type", "injected");
            }
        }
        parameters.put("storage.location.template", locationTemplate);
        return parameters;
    }

    private void table(String id, LakeNames names, DatasetSpec dataset, String name, String description,
            List<Column> columns, List<Column> partitions, String location, Map<String, String> parameters,
            CfnTable.StorageDescriptorProperty.Builder storage) {
        List<Object> partitionKeys = new ArrayList<>();
        partitionKeys.add(CfnTable.ColumnProperty.builder().name(UPDATE_COLUMN).type("string")
                .comment("the update this row belongs to").build());
        partitions.forEach(p -> partitionKeys.add(column(p)));
        CfnTable.Builder.create(this, id)
                .catalogId(Stack.of(this).getAccount())
                .databaseName(names.glueDatabase(dataset.tier()))
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(name)
                        .description(description.length() > 2048 ? description.substring(0, 2048) : description)
                        .tableType("EXTERNAL_TABLE")
                        .parameters(parameters)
                        .partitionKeys(partitionKeys)
                        .storageDescriptor(storage
                                .location(location)
                                .columns(columns.stream().map(DatasetTables::column).map(Object.class::cast).toList())
                                .build())
                        .build())
                .build();
        tableNames.add(name);
    }

    private static CfnTable.ColumnProperty column(Column column) {
        return CfnTable.ColumnProperty.builder().name(column.name()).type(column.type().glueType()).build();
    }

    /** The names of the tables created: none, the data table, or the data and raw tables. */
    public List<String> tableNames() {
        return Collections.unmodifiableList(tableNames);
    }
}
