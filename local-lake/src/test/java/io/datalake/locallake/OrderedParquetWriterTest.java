package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.core.conversion.RawFile;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitioned output of the DuckDB conversion at a size where DuckDB's own partitioned writer
 * reorders rows (measured on 3 million rows: unsorted input came out of order even on one thread,
 * and sorted input once in 3 million on two): every Parquet file keeps the delivered order, and the
 * folders are named as DuckDB's partitioned writer names them, odd values and nulls included.
 */
class OrderedParquetWriterTest {
    private static final String[] REGIONS = {"north", "south east", "über", "a=b", "x%y", ""};

    @TempDir
    Path dir;

    @Test
    void keepsTheDeliveredOrderInEveryPartitionFile() throws Exception {
        Path csv = csv(600_000);
        Path out = dir.resolve("out");
        long rows = new DuckDbConversion(dataset()).convert(List.of(new RawFile("big.csv", () -> Files.newInputStream(csv))),
                List.of(csv), out);

        assertThat(rows).isEqualTo(600_000);
        assertThat(query("SELECT count(*) FROM read_parquet('" + out + "/**/*.parquet')")).containsExactly("600000");
        // seq grows with the line: a decrease inside one file is a row out of delivered order.
        assertThat(query("SELECT count(*) FILTER (WHERE d <= 0) FROM (SELECT seq - lag(seq) OVER (PARTITION BY filename"
                + " ORDER BY file_row_number) AS d FROM read_parquet('" + out + "/**/*.parquet', filename = true,"
                + " file_row_number = true))")).containsExactly("0");
    }

    @Test
    void namesPartitionFoldersAsDuckDbsPartitionedWriterDoes() throws Exception {
        Path csv = csv(REGIONS.length * 4);
        Path out = dir.resolve("out");
        new DuckDbConversion(dataset()).convert(List.of(new RawFile("small.csv", () -> Files.newInputStream(csv))),
                List.of(csv), out);
        Path stock = dir.resolve("stock");
        query("COPY (SELECT * FROM read_csv('" + csv + "', header = true, columns = {'seq': 'BIGINT', 'region': 'VARCHAR',"
                + " 'bucket': 'INTEGER'}, auto_detect = false)) TO '" + stock + "' (FORMAT PARQUET, PARTITION_BY (region, bucket))");

        assertThat(folders(out)).isNotEmpty().isEqualTo(folders(stock));
        String read = "SELECT seq, region, bucket FROM read_parquet('%s/**/*.parquet', hive_partitioning = true) ORDER BY seq";
        assertThat(query(read.formatted(out))).isEqualTo(query(read.formatted(stock)));
    }

    private static DatasetSpec dataset() {
        return DatasetFiles.parse("events.yaml", """
                name: events
                tier: internal
                owner: perf@example.com
                description: Partitioned output order.
                format:
                  type: csv
                schema:
                  - name: seq
                    type: bigint
                    nullable: false
                  - name: region
                    type: string
                  - name: bucket
                    type: int
                partitioning:
                  - region
                  - bucket
                """);
    }

    /** Rows numbered from 1; regions (one of them empty, so null) and buckets cycle at different rates. */
    private Path csv(int rows) throws IOException {
        Path file = dir.resolve("in-" + rows + ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("seq,region,bucket\n");
            for (int i = 1; i <= rows; i++) {
                w.write(i + "," + REGIONS[i % REGIONS.length] + "," + (i % 4 == 0 ? "" : String.valueOf(i % 2)) + "\n");
            }
        }
        return file;
    }

    private static List<String> folders(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(f -> root.relativize(f.getParent()).toString()).sorted().toList();
        }
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
            List<String> rows = new ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(String.valueOf(rs.getObject(i)));
                        }
                        rows.add(String.join("|", row));
                    }
                }
            }
            return rows;
        }
    }
}
