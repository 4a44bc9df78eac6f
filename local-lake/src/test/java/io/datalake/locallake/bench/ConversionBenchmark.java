package io.datalake.locallake.bench;

import io.datalake.core.conversion.RawFile;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.locallake.DuckDbConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Times the contract's DuckDB conversion beside plain DuckDB converting the same CSV to the same
 * partitioned Parquet (typed {@code read_csv}, no checks), alternating in one JVM so both see the
 * same machine. Run by {@code bench/conversion-vs-duckdb.sh}. Arguments: dataset YAML, CSV file,
 * scratch folder, rounds.
 */
public final class ConversionBenchmark {
    private ConversionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        DatasetSpec spec = DatasetFiles.load(Path.of(args[0]));
        Path csv = Path.of(args[1]);
        Path scratch = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        double mb = Files.size(csv) / 1e6;
        for (int r = 0; r < rounds; r++) {
            Path out = fresh(scratch.resolve("plain"));
            long start = System.nanoTime();
            plain(spec, csv, out);
            report("plain DuckDB COPY (typed read_csv, partitioned)", start, mb);
            out = fresh(scratch.resolve("contract"));
            start = System.nanoTime();
            long rows = new DuckDbConversion(spec).convert(List.of(new RawFile(csv.getFileName().toString(),
                    () -> Files.newInputStream(csv))), List.of(csv), out);
            report("DuckDbConversion (the contract), " + rows + " rows", start, mb);
            inDeliveredOrder(out);
        }
    }

    private static void plain(DatasetSpec spec, Path csv, Path out) throws Exception {
        String columns = spec.schema().stream().map(c -> "'" + c.name() + "': '" + c.type().duckDbType() + "'")
                .collect(Collectors.joining(", ", "{", "}"));
        String partitions = spec.partitioning().stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            sql.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath() + "', header = true, columns = " + columns
                    + ", auto_detect = false)) TO '" + out.toAbsolutePath() + "' (FORMAT PARQUET"
                    + (partitions.isEmpty() ? "" : ", PARTITION_BY (" + partitions + "), OVERWRITE_OR_IGNORE") + ")");
        }
    }

    /** The generated file's order ids increase with the line: any decrease inside a Parquet file is a reordered row. */
    private static void inDeliveredOrder(Path out) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
                var rs = sql.executeQuery("SELECT count(*) FILTER (WHERE d < 0) FROM (SELECT order_id - lag(order_id) OVER"
                        + " (PARTITION BY filename ORDER BY file_row_number) AS d FROM read_parquet('" + out.toAbsolutePath()
                        + "/**/*.parquet', filename = true, file_row_number = true))")) {
            rs.next();
            if (rs.getLong(1) != 0) {
                throw new IllegalStateException(rs.getLong(1) + " rows out of delivered order in " + out);
            }
        }
    }

    private static void report(String what, long start, double mb) {
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-60s %6.2f s  %5.0f MB/s%n", what, s, mb / s);
    }

    private static Path fresh(Path folder) throws Exception {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(folder);
    }
}
