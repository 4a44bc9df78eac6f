package io.datalake.registry;

import java.time.Instant;
import java.util.Objects;

/** One run of a pipeline: when, how it ended, how many rows it wrote, and why it failed if it did. */
public record RunRecord(String pipeline, String runId, String state, Instant startedAt, Instant endedAt, Long rows,
        String error) {
    /** States a run passes through. */
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public RunRecord {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
