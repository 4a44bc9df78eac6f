package io.datalake.pipelines.runner;

import io.datalake.registry.RunRecord;

/**
 * Where the runner records its runs (start, end, state, rows, error): the registry's runs table on
 * AWS ({@code RunRegistry::record}), a file in local mode, a list in tests. A run is recorded when
 * it starts and again when it ends.
 */
@FunctionalInterface
public interface RunRecorder {
    void record(RunRecord run);

    /** Records nothing. */
    static RunRecorder none() {
        return run -> {
        };
    }
}
