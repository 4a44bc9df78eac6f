package io.datalake.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * A commit in progress on an update, as the updates table holds it: who started it and when.
 *
 * @param id the attempt's id: a delivery key for ingest, a job run for the runner
 * @param at when the attempt took the update
 */
public record UpdateAttempt(String id, Instant at) {
    public UpdateAttempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
    }
}
