import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The stock-tool side of bench/ingest-throughput.sh: DuckDB alone (JDBC, in one JVM) turning the
 * sales example's CSV into its typed Parquet, partitioned by order_date, as the lake's conversion
 * does. Run as a single source file: java -cp duckdb_jdbc.jar bench/DuckDbConvert.java <csv> <out folder>.
 * Prints the seconds the SQL took (JVM start excluded) and the row count.
 */
public class DuckDbConvert {
    public static void main(String[] args) throws Exception {
        String csv = args[0].replace("'", "''");
        String out = args[1].replace("'", "''");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            long start = System.nanoTime();
            sql.execute("CREATE VIEW source AS SELECT * FROM read_csv('" + csv + "', header = true, delim = ',', auto_detect = false,"
                    + " columns = {'order_id': 'BIGINT', 'line_no': 'INTEGER', 'order_date': 'DATE', 'product_sku': 'VARCHAR',"
                    + " 'quantity': 'INTEGER', 'unit_price_eur': 'DECIMAL(12,2)', 'amount_eur': 'DECIMAL(14,2)',"
                    + " 'store_country': 'VARCHAR'})");
            // One pass: COPY answers with the number of rows it wrote.
            long rows = sql.executeUpdate("COPY source TO '" + out + "' (FORMAT PARQUET, PARTITION_BY (order_date), OVERWRITE_OR_IGNORE)");
            System.out.printf("%.3f %d%n", (System.nanoTime() - start) / 1e9, rows);
        }
    }
}
