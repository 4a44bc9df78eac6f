package io.datalake.core.conversion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a conversion's Parquet output the same way for both engines (with DuckDB): the rows in the
 * order a reader gets them (files in path order, rows in file order), as canonical JSON, and the
 * Parquet type of every column from the footers.
 */
public final class ParquetOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ParquetOutput() {
    }

    public static List<Path> files(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as canonical JSON objects, values printed by DuckDB, in the dataset's column order. */
    public static List<String> rows(DatasetSpec dataset, Path folder) {
        List<Path> files = files(folder);
        if (files.isEmpty()) {
            return List.of();
        }
        String list = files.stream().map(p -> "'" + p.toAbsolutePath() + "'").collect(Collectors.joining(", ", "[", "]"));
        String select = dataset.schema().stream()
                .map(c -> "CAST(CAST(\"" + c.name() + "\" AS " + c.type().duckDbType() + ") AS VARCHAR)")
                .collect(Collectors.joining(", "));
        List<String> rows = new ArrayList<>();
        query("SELECT " + select + " FROM read_parquet(" + list + ", hive_partitioning = " + !dataset.partitioning().isEmpty()
                + ")", rs -> {
                    ObjectNode row = JSON.createObjectNode();
                    for (int i = 0; i < dataset.schema().size(); i++) {
                        row.put(dataset.schema().get(i).name(), rs.getString(i + 1));
                    }
                    rows.add(row.toString());
                });
        return rows;
    }

    /**
     * The Parquet type of each column in the footers, as {@link io.datalake.core.dataset.ColumnType#parquetType()}
     * writes it; every file must agree. DuckDB's redundant INT_32/INT_64 annotations of INT32/INT64
     * are left out, and so is the byte length of a fixed-length decimal.
     */
    public static Map<String, String> schema(Path folder) {
        Map<String, String> schema = new LinkedHashMap<>();
        for (Path file : files(folder)) {
            Map<String, String> one = new LinkedHashMap<>();
            query("SELECT name, type, converted_type, logical_type, scale, precision FROM parquet_schema('"
                    + file.toAbsolutePath() + "') WHERE type IS NOT NULL", rs -> one.put(rs.getString(1),
                            canonical(rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6))));
            if (!schema.isEmpty() && !schema.equals(one)) {
                throw new AssertionError("the Parquet files of one output disagree: " + schema + " and " + one + " in " + file);
            }
            schema = one;
        }
        return schema;
    }

    static String canonical(String type, String converted, String logical, int scale, int precision) {
        String annotation;
        if (logical != null && logical.startsWith("TimestampType")) {
            String unit = logical.contains("MICROS=MicroSeconds") ? "MICROS" : logical.contains("MILLIS=MilliSeconds") ? "MILLIS" : "NANOS";
            annotation = "TIMESTAMP(" + unit + "," + logical.contains("isAdjustedToUTC=1") + ")";
        } else if ("DECIMAL".equals(converted) || logical != null && logical.startsWith("DecimalType")) {
            annotation = "DECIMAL(" + precision + "," + scale + ")";
        } else if ("UTF8".equals(converted) || logical != null && logical.startsWith("StringType")) {
            annotation = "STRING";
        } else if ("DATE".equals(converted) || logical != null && logical.startsWith("DateType")) {
            annotation = "DATE";
        } else if (converted == null || "INT_32".equals(converted) && "INT32".equals(type)
                || "INT_64".equals(converted) && "INT64".equals(type)) {
            annotation = null;
        } else {
            annotation = converted + (logical == null ? "" : " " + logical);
        }
        return annotation == null ? type : type + " " + annotation;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, RowReader reader) {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = db.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The Parquet type each non-partition column must have, from the contract. */
    public static Map<String, String> expectedSchema(DatasetSpec dataset) {
        Map<String, String> schema = new LinkedHashMap<>();
        for (Column c : dataset.schema()) {
            if (!dataset.partitioning().contains(c.name())) {
                schema.put(c.name(), c.type().parquetType());
            }
        }
        return schema;
    }
}
