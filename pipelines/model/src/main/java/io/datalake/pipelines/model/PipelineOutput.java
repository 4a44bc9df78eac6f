package io.datalake.pipelines.model;

import io.datalake.core.DatasetLayout;
import java.util.Objects;
import java.util.Optional;

/**
 * The dataset a pipeline writes, which must be a dataset of the environment, and how.
 *
 * @param downgradeReason why the pipeline may write data read from a higher tier into this
 *                        dataset's lower one ({@code output.downgrade.reason}); {@code null} when
 *                        the pipeline declares no downgrade, and validation then refuses one
 */
public record PipelineOutput(String dataset, WriteMode mode, String downgradeReason) {
    /** Every run writes a new update. */
    public static final WriteMode DEFAULT_MODE = WriteMode.NEW_UPDATE;
    /** The longest downgrade reason: a sentence or two for reviewers, not a document. */
    public static final int MAX_REASON_LENGTH = 500;

    public PipelineOutput {
        DatasetLayout.checkName(dataset);
        Objects.requireNonNull(mode, "mode");
        if (downgradeReason != null && (downgradeReason.isBlank() || downgradeReason.length() > MAX_REASON_LENGTH)) {
            throw new IllegalArgumentException("downgradeReason must be 1 to " + MAX_REASON_LENGTH + " characters");
        }
    }

    /** An output that declares no tier downgrade. */
    public PipelineOutput(String dataset, WriteMode mode) {
        this(dataset, mode, null);
    }

    /** The declared reason for writing data of a higher tier into this dataset's, if any. */
    public Optional<String> downgrade() {
        return Optional.ofNullable(downgradeReason);
    }
}
