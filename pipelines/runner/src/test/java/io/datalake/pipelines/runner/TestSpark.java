package io.datalake.pipelines.runner;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark application of the test JVM: starting Spark takes seconds, so every Spark test
 * class shares it (surefire reuses one fork). Two threads, as on a small laptop.
 */
final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = LocalSpark.start(2);
        }
        return spark;
    }
}
