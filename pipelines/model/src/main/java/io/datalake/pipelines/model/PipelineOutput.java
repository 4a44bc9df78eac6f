package io.datalake.pipelines.model;

import io.datalake.core.DatasetLayout;
import java.util.Objects;

/** The dataset a pipeline writes, which must be a dataset of the environment, and how. */
public record PipelineOutput(String dataset, WriteMode mode) {
    /** Every run writes a new update. */
    public static final WriteMode DEFAULT_MODE = WriteMode.NEW_UPDATE;

    public PipelineOutput {
        DatasetLayout.checkName(dataset);
        Objects.requireNonNull(mode, "mode");
    }
}
