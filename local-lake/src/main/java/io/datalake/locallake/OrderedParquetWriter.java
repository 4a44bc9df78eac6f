package io.datalake.locallake;

import io.datalake.core.conversion.SqlDialect;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Writes a DuckDB table of converted rows to the dataset's Parquet layout, keeping the table's row
 * order (the delivered order) in every file.
 *
 * <p>Why not one {@code COPY ... (PARTITION_BY ...)}: DuckDB 1.1's partitioned writer reorders rows
 * inside a partition's file, even on one thread and even after an {@code ORDER BY} (measured on 3
 * million rows); only a plain {@code COPY} keeps insertion order. So each partition is one plain
 * {@code COPY} of its rows, into the folder DuckDB's own partitioned writer names for its values
 * (a probe writes the partition values with {@code PARTITION_BY}, so names and escaping stay
 * DuckDB's). Partitions are written on as many connections as there are cores.
 */
final class OrderedParquetWriter {
    private static final SqlDialect SQL = SqlDialect.DUCKDB;
    /** Above this many partitions the rows are sorted first, so each partition's scan reads only its own row groups. */
    private static final int SORT_ABOVE_PARTITIONS = 64;
    static final String FILE_NAME = "data_0.parquet";

    private final DatasetSpec dataset;

    OrderedParquetWriter(DatasetSpec dataset) {
        this.dataset = dataset;
    }

    /** Writes {@code table} into {@code out} and returns the number of rows written. */
    long write(Connection db, String table, Path out) throws SQLException, IOException {
        List<String> partitions = dataset.partitioning().stream().map(SQL::quote).toList();
        String data = dataset.schema().stream().map(Column::name).filter(c -> !dataset.partitioning().contains(c))
                .map(SQL::quote).collect(Collectors.joining(", "));
        if (partitions.isEmpty()) {
            try (Statement sql = db.createStatement()) {
                return copy(sql, "SELECT " + data + " FROM " + table, out.resolve("part-0.parquet"));
            }
        }
        String keys = String.join(", ", partitions);
        Path probe = Files.createTempDirectory("lake-partitions");
        try (Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE partition_values AS SELECT row_number() OVER () AS k, " + keys
                    + " FROM (SELECT DISTINCT " + keys + " FROM " + table + ")");
            sql.execute("COPY partition_values TO '" + escape(probe) + "' (FORMAT CSV, HEADER false, PARTITION_BY (" + keys + "))");
            List<Partition> folders = partitions(probe);
            String source = table;
            if (folders.size() > SORT_ABOVE_PARTITIONS) {
                // Sorted by partition, then by position: a table keeps insertion order, so each partition's rows stay in order.
                sql.execute("CREATE TABLE sorted AS SELECT * FROM " + table + " ORDER BY " + keys + ", rowid");
                source = "sorted";
            }
            String from = source;
            Map<Long, String> where = conditions(sql);
            return inParallel(db, folders.stream().map(p -> (Copy) s -> copy(s, "SELECT " + data + " FROM " + from + " WHERE "
                    + where.get(p.key()), out.resolve(p.folder()).resolve(FILE_NAME))).toList());
        } finally {
            deleteQuietly(probe);
        }
    }

    /**
     * Per partition key, the condition that selects its rows, with the values as literals: a constant
     * comparison is pushed into the table scan (a subquery made each partition's copy half again as slow).
     * A value's text cast back to its type is the value (DuckDB prints numbers to round-trip).
     */
    private Map<Long, String> conditions(Statement sql) throws SQLException {
        List<Column> columns = dataset.partitioning().stream().map(n -> dataset.schema().stream()
                .filter(c -> c.name().equals(n)).findFirst().orElseThrow()).toList();
        Map<Long, String> conditions = new HashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT k, " + columns.stream().map(c -> "CAST(" + SQL.quote(c.name())
                + " AS VARCHAR)").collect(Collectors.joining(", ")) + " FROM partition_values")) {
            while (rs.next()) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    String value = rs.getString(i + 2);
                    String column = SQL.quote(columns.get(i).name());
                    parts.add(value == null ? column + " IS NULL"
                            : column + " = CAST(" + SQL.literal(value) + " AS " + columns.get(i).type().duckDbType() + ")");
                }
                conditions.put(rs.getLong(1), String.join(" AND ", parts));
            }
        }
        return conditions;
    }

    /** The probe's folders (relative, as DuckDB named them) and the partition key each holds. */
    private static List<Partition> partitions(Path probe) throws IOException {
        try (Stream<Path> walk = Files.walk(probe)) {
            List<Partition> found = new ArrayList<>();
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                found.add(new Partition(probe.relativize(file.getParent()), Long.parseLong(Files.readString(file).strip())));
            }
            return found;
        }
    }

    private record Partition(Path folder, long key) {
    }

    @FunctionalInterface
    private interface Copy {
        long run(Statement sql) throws SQLException, IOException;
    }

    /** Runs the copies on one connection per core (DuckDB writes a small file on one thread) and sums their rows. */
    private static long inParallel(Connection db, List<Copy> copies) throws SQLException, IOException {
        int workers = Math.max(1, Math.min(copies.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Connection own = ((DuckDBConnection) db.unwrap(DuckDBConnection.class)).duplicate();
                results.add(pool.submit(() -> {
                    long rows = 0;
                    try (own; Statement sql = own.createStatement()) {
                        for (int i = worker; i < copies.size(); i += workers) {
                            rows += copies.get(i).run(sql);
                        }
                    }
                    return rows;
                }));
            }
            long rows = 0;
            for (Future<Long> result : results) {
                rows += result.get();
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing Parquet", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException s) {
                throw s;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A plain COPY keeps insertion order and reports the rows it wrote: no second pass to count them. */
    private static long copy(Statement sql, String select, Path file) throws SQLException, IOException {
        Files.createDirectories(file.getParent());
        sql.execute("COPY (" + select + ") TO '" + escape(file) + "' (FORMAT PARQUET)");
        return sql.getUpdateCount();
    }

    static String escape(Path path) {
        return path.toAbsolutePath().toString().replace("'", "''");
    }

    static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder: the system cleans it up
        }
    }
}
