package io.datalake.pipelines.runner;

import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;

/**
 * Told about every update whose manifest the runner writes, after it is written: a complete one
 * (a pipeline's output, a converted delivery) or a failed conversion. On AWS it records the update
 * in the registry and announces a complete one on EventBridge ({@code Update complete}), which
 * starts the pipelines that read the dataset live.
 */
@FunctionalInterface
public interface UpdateListener {
    /**
     * @param manifest the manifest as written
     * @param previous the state the update had before, for a conversion {@link UpdateState#RAW_COMPLETE};
     *                 {@code null} for a new update
     */
    void changed(UpdateManifest manifest, UpdateState previous);

    /** Tells nobody. */
    static UpdateListener none() {
        return (manifest, previous) -> {
        };
    }
}
