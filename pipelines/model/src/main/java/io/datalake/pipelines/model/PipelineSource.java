package io.datalake.pipelines.model;

import java.util.Optional;

/**
 * The files of one pipeline folder, wherever the folder is: on disk for the CLI and the CDK app,
 * in S3 (through Hadoop) for the runner on AWS.
 */
public interface PipelineSource {
    /**
     * The text of a file of the folder.
     *
     * @param name a file name relative to the folder, e.g. {@code clean_orders.sql}
     * @return the text, or empty when there is no such file
     * @throws io.datalake.core.LakeConfigException when the file exists but is not usable text
     */
    Optional<String> read(String name);

    /** How problems name a file of the folder: {@code pipelines/daily_sales/clean_orders.sql}. */
    String display(String name);
}
