package io.datalake.locallake;

import io.datalake.core.conversion.ConversionException;
import io.datalake.core.conversion.ConversionSql;
import io.datalake.core.conversion.RawFile;
import io.datalake.core.conversion.SqlDialect;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The conversion contract ({@link ConversionSql}) run by DuckDB: the raw files of one update become
 * Parquet in a local folder, partitioned as the dataset declares, rows in the order delivered (files
 * in the manifest's order). DuckDB reads every value as text; the contract decides what fits.
 */
public final class DuckDbConversion {
    private static final SqlDialect SQL = SqlDialect.DUCKDB;
    /** The table of converted rows, in delivered order. */
    private static final String CONVERTED = "converted";

    private final DatasetSpec dataset;

    public DuckDbConversion(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    /**
     * Converts the files into {@code out} and returns the number of rows.
     *
     * @param files the raw files, in the manifest's order, each readable at the path beside it
     * @throws ConversionException naming the file, line, column and what was expected
     */
    public long convert(List<RawFile> files, List<Path> paths, Path out) {
        if (files.isEmpty()) {
            throw new ConversionException("the update lists no raw files");
        }
        List<List<String>> columns = files.stream().map(f -> f.inspect(dataset)).toList();
        ConversionSql contract = new ConversionSql(dataset, SQL);
        Path spill = null;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("SET TimeZone = 'UTC'");
            // The converted table lives in memory; an update larger than DuckDB's memory limit spills here, and is removed after.
            spill = Files.createTempDirectory("lake-duckdb-spill");
            sql.execute("SET temp_directory = '" + escape(spill) + "'");
            // The diagnosis numbers records within each file; the conversion itself does not, as row_number() over a
            // whole read makes DuckDB read, check and cast on one thread (measured: half the conversion's time).
            List<String> numbered = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                numbered.add(read(f, paths.get(f), columns.get(f), true));
            }
            sql.execute("CREATE TEMP VIEW raw_text AS " + String.join(" UNION ALL ", numbered));
            String typed = dataset.schema().stream().map(c -> SQL.quote(c.name())).collect(Collectors.joining(", "))
                    + " FROM (SELECT " + String.join(", ", contract.typedColumns()) + " FROM (";
            try {
                // One statement per file, in the manifest's order: a table keeps insertion order (DuckDB's parallel
                // insert preserves it), so the table holds the rows as delivered.
                for (int f = 0; f < files.size(); f++) {
                    sql.execute((f == 0 ? "CREATE TABLE " + CONVERTED + " AS SELECT " : "INSERT INTO " + CONVERTED + " SELECT ")
                            + typed + read(f, paths.get(f), columns.get(f), false) + "))");
                }
            } catch (SQLException e) {
                // DuckDB closes a statement that failed: the diagnosis asks on new ones.
                throw contract.diagnose(q -> rows(db, q), "raw_text", files, columns.stream().map(List::size).toList(),
                        e.getMessage());
            }
            Files.createDirectories(out);
            return new OrderedParquetWriter(dataset).write(db, CONVERTED, out);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed converting dataset " + dataset.name() + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            OrderedParquetWriter.deleteQuietly(spill);
        }
    }

    /**
     * One file as text: CSV columns by the header's names, JSON fields by the schema's. Only a
     * {@code numbered} read has real {@value ConversionSql#ROW} numbers (the diagnosis needs them).
     */
    private String read(int index, Path path, List<String> fileColumns, boolean numbered) {
        String file = "'" + escape(path) + "'";
        List<Column> schema = dataset.schema();
        List<String> select = new ArrayList<>();
        select.add(index + " AS " + ConversionSql.FILE);
        select.add((numbered ? "row_number() OVER ()" : "NULL") + " AS " + ConversionSql.ROW);
        if (dataset.format().type() == FileType.JSON) {
            String declared = schema.stream().map(c -> SQL.literal(c.name())).collect(Collectors.joining(", ", "[", "]"));
            select.add("CASE WHEN json_type(json) <> 'OBJECT' THEN 'is not a JSON object'"
                    + " WHEN len(json_keys(json)) <> len(list_distinct(json_keys(json))) THEN 'names a field twice' END AS "
                    + ConversionSql.SHAPE);
            select.add("CASE WHEN json_type(json) = 'OBJECT' THEN array_to_string(list_filter(json_keys(json),"
                    + " x -> NOT list_contains(" + declared + ", x)), ', ') END AS " + ConversionSql.UNKNOWN);
            for (int i = 0; i < schema.size(); i++) {
                String field = SQL.literal("$.\"" + schema.get(i).name() + "\"");
                select.add("CASE json_type(json, " + field + ") WHEN 'VARCHAR' THEN 'S' WHEN 'BIGINT' THEN 'I'"
                        + " WHEN 'UBIGINT' THEN 'I' WHEN 'DOUBLE' THEN 'F' WHEN 'BOOLEAN' THEN 'B' WHEN 'OBJECT' THEN 'O'"
                        + " WHEN 'ARRAY' THEN 'A' END AS " + ConversionSql.kind(i));
                select.add("json ->> " + field + " AS " + ConversionSql.text(i));
                select.add("TRY_CAST(json ->> " + field + " AS DOUBLE) AS " + ConversionSql.number(i));
            }
            return "SELECT " + String.join(", ", select) + " FROM read_ndjson_objects(" + file + ")";
        }
        List<String> names = schema.stream().map(Column::name).toList();
        // UNION ALL matches by position: every file's select lists the schema's columns in the schema's order.
        for (int i = 0; i < names.size(); i++) {
            select.add("c" + fileColumns.indexOf(names.get(i)) + " AS " + ConversionSql.text(i));
        }
        String types = java.util.stream.IntStream.range(0, fileColumns.size()).mapToObj(j -> "'c" + j + "': 'VARCHAR'")
                .collect(Collectors.joining(", ", "{", "}"));
        return "SELECT " + String.join(", ", select) + " FROM read_csv(" + file + ", header = " + dataset.format().header()
                + ", delim = " + SQL.literal(String.valueOf(dataset.format().delimiter())) + ", quote = '\"', escape = '\"',"
                + " columns = " + types + ", auto_detect = false, null_padding = false)";
    }

    private static List<List<Object>> rows(Connection db, String query) {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String escape(Path path) {
        return OrderedParquetWriter.escape(path);
    }
}
