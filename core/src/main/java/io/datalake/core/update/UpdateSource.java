package io.datalake.core.update;

import java.util.Objects;

/**
 * Where an update came from: a file dropped in a drop bucket, an API request naming an S3
 * location, or a pipeline run. For a drop, {@code version} is the object's version id or the
 * event's sequencer, which together with bucket and key identifies the delivery for idempotency.
 */
public record UpdateSource(Kind kind, String bucket, String key, String version) {
    /** The ways an update arrives. */
    public enum Kind {
        DROP, API, PIPELINE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public UpdateSource {
        Objects.requireNonNull(kind, "kind");
    }

    /** The idempotency key of the delivery: {@code kind:bucket/key#version}. */
    public String deliveryKey() {
        return kind.id() + ":" + bucket + "/" + key + "#" + (version == null ? "" : version);
    }
}
