package io.datalake.pipelines.runner;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark settings every run uses, on Glue, EMR and locally alike, so that the same pipeline
 * gives the same bytes everywhere. They are runtime settings, applied to the session the platform
 * created.
 */
public final class RunnerSession {
    private RunnerSession() {
    }

    /**
     * A new session of the application (its own temporary views) with the runner's settings:
     * <ul>
     *   <li>ANSI SQL: an overflow or a value that does not cast fails the run instead of becoming
     *       null, so bad data never slips into an update silently;</li>
     *   <li>UTC, so dates and timestamps do not depend on where the driver runs;</li>
     *   <li>Parquet timestamps as {@code TIMESTAMP_MICROS}, the logical type the local (DuckDB)
     *       conversion writes too, instead of Spark's legacy INT96;</li>
     *   <li>no {@code _SUCCESS} marker: the manifest is the commit point.</li>
     * </ul>
     */
    public static SparkSession open(SparkSession application) {
        SparkSession session = application.newSession();
        session.conf().set("spark.sql.ansi.enabled", "true");
        session.conf().set("spark.sql.session.timeZone", "UTC");
        session.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        application.sparkContext().hadoopConfiguration().set("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
        return session;
    }
}
