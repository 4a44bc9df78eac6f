package io.datalake.pipelines.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * Spark in local mode, for {@code lake run-pipeline} and the tests: driver and executors in this
 * JVM, bound to loopback, quiet, with few shuffle partitions since local data is small. Spark needs
 * the JVM flags of {@code spark.jvm.flags} in the parent pom on Java 17.
 */
public final class LocalSpark {
    /** Small data needs few partitions; 200 (Spark's default) would write 200 tiny files. */
    static final int SHUFFLE_PARTITIONS = 4;

    private LocalSpark() {
    }

    /**
     * The JVM's local Spark application, started on first use.
     *
     * @param threads worker threads: {@code local[threads]}
     */
    public static SparkSession start(int threads) {
        // Spark logs at INFO through log4j 2 unless told otherwise; the runner prints its own progress.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/datalake/pipelines/runner/local-log4j2.properties");
        }
        SparkSession spark = SparkSession.builder()
                .appName("lake-local")
                .master("local[" + threads + "]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(SHUFFLE_PARTITIONS))
                .config("spark.sql.adaptive.enabled", "true")
                .getOrCreate();
        try {
            // Hadoop's local file system writes a .crc file beside every file; the lake's folders have no use for them.
            FileSystem.get(URI.create("file:///"), spark.sparkContext().hadoopConfiguration()).setWriteChecksum(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spark;
    }
}
