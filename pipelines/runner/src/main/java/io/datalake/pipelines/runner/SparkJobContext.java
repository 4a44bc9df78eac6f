package io.datalake.pipelines.runner;

import io.datalake.pipelines.model.PipelineConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a {@link SparkJob} gets: the session, its resolved inputs by alias, its config and run id. */
public interface SparkJobContext {
    SparkSession spark();

    /**
     * The rows of an input's resolved update, typed as its dataset declares.
     *
     * @throws io.datalake.core.LakeConfigException naming the aliases there are when there is no such input
     */
    Dataset<Row> input(String alias);

    PipelineConfig config();

    /** The run's id, which is also the id of the update it writes. */
    String runId();
}
