package io.datalake.registry;

import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateState;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An update as the registry indexes it: its state and where its manifest is. The manifest in S3
 * remains the source of truth; this record is what lists and lookups read.
 */
public record UpdateRecord(String dataset, UpdateId update, UpdateState state, String deliveryKey,
        String manifestKey, long rawBytes, Long rowCount, Instant createdAt, Instant updatedAt, String error) {
    public UpdateRecord {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public OptionalLong rows() {
        return rowCount == null ? OptionalLong.empty() : OptionalLong.of(rowCount);
    }

    /**
     * The same update in another state.
     *
     * @throws io.datalake.core.update.IllegalTransitionException when the lifecycle has no such move
     */
    public UpdateRecord with(UpdateState next, Instant at) {
        state.checkMove(next, dataset + "@" + update);
        return new UpdateRecord(dataset, update, next, deliveryKey, manifestKey, rawBytes, rowCount, createdAt, at, error);
    }
}
