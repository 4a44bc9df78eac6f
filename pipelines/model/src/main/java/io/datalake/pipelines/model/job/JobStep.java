package io.datalake.pipelines.model.job;

import java.util.List;
import java.util.Objects;

/**
 * One pipeline of a job pipeline: which pipeline, which others must finish first, and what a failure
 * does.
 *
 * @param maxRetries how often a failed run is retried; 0 unless {@code onFailure} is {@link FailurePolicy#RETRY}
 */
public record JobStep(String pipeline, List<String> dependsOn, FailurePolicy onFailure, int maxRetries) {
    /** Retries when {@code onFailure: retry} gives no {@code maxRetries}. */
    public static final int DEFAULT_MAX_RETRIES = 2;
    public static final int MAX_RETRIES = 10;
    /** A failure stops the job unless the file says otherwise: the safe default for chained data. */
    public static final FailurePolicy DEFAULT_ON_FAILURE = FailurePolicy.HALT;

    public JobStep {
        Objects.requireNonNull(pipeline, "pipeline");
        dependsOn = List.copyOf(dependsOn);
        Objects.requireNonNull(onFailure, "onFailure");
        if (onFailure == FailurePolicy.RETRY ? maxRetries < 1 || maxRetries > MAX_RETRIES : maxRetries != 0) {
            throw new IllegalArgumentException("maxRetries must be from 1 to " + MAX_RETRIES
                    + " with onFailure retry and 0 otherwise, but " + maxRetries + " was given");
        }
    }
}
