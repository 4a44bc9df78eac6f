package io.datalake.pipelines.runner;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A pipeline written in Java: what a pipeline folder's {@code sparkJob.class} implements, in its own
 * Maven module that depends on the runner (with Spark {@code provided}). The runner resolves the
 * inputs, calls {@link #run}, and writes the returned rows as a new update of the output dataset,
 * conformed to its schema, with the manifest and lineage, exactly as for a SQL pipeline. A job
 * needs a public no-argument constructor.
 */
@FunctionalInterface
public interface SparkJob {
    /**
     * Computes the output from the inputs. It must not write to the lake itself.
     *
     * @return the rows of the new update of the output dataset
     */
    Dataset<Row> run(SparkJobContext context);
}
