package io.datalake.core.update;

import io.datalake.core.LakeConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an update is in its life. Only {@link #COMPLETE} updates are visible to readers, queries
 * and {@code lake://} resolution; the manifest saying so is the update's commit point.
 *
 * <p>The allowed moves, the one definition every writer (ingest, both conversions, pipeline runs)
 * goes through:
 * <pre>
 * (new) -> RECEIVING | FAILED
 * RECEIVING -> RAW_COMPLETE | COMPLETE | FAILED
 * RAW_COMPLETE -> COMPLETE | FAILED
 * COMPLETE, FAILED: final
 * </pre>
 */
public enum UpdateState {
    /** Files are being copied into {@code raw/<update>/}; recorded in the registry only. */
    RECEIVING,
    /** The raw files are copied and verified, the manifest lists them; the Parquet conversion is pending. */
    RAW_COMPLETE,
    /** The update is committed: raw and converted data are final and never rewritten. */
    COMPLETE,
    /** The delivery was refused or its conversion failed; the manifest or registry says why. */
    FAILED;

    /** Whether an update may be recorded in this state when it is first recorded. */
    public boolean isInitial() {
        return this == RECEIVING || this == FAILED;
    }

    /** Whether no move leaves this state: a complete update is never rewritten, a failed one never retried. */
    public boolean isFinal() {
        return this == COMPLETE || this == FAILED;
    }

    /** Whether an update in this state may move to {@code next}. */
    public boolean canMoveTo(UpdateState next) {
        return switch (this) {
            case RECEIVING -> next == RAW_COMPLETE || next == COMPLETE || next == FAILED;
            case RAW_COMPLETE -> next == COMPLETE || next == FAILED;
            case COMPLETE, FAILED -> false;
        };
    }

    /**
     * @param what the update, for the message, e.g. {@code sales_orders@2026-11-21T101500Z-3f9a}
     * @throws IllegalTransitionException when the move is not allowed
     */
    public void checkMove(UpdateState next, String what) {
        if (!canMoveTo(next)) {
            throw new IllegalTransitionException(what, this, next);
        }
    }

    /** @throws IllegalTransitionException when an update may not be first recorded in this state */
    public void checkInitial(String what) {
        if (!isInitial()) {
            throw new IllegalTransitionException(what, null, this);
        }
    }

    /** The id used in manifests and the API: {@code raw-complete}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws LakeConfigException naming the allowed ids */
    public static UpdateState parse(String id) {
        for (UpdateState state : values()) {
            if (state.id().equals(id)) {
                return state;
            }
        }
        throw new LakeConfigException("update state must be one of "
                + Arrays.stream(values()).map(UpdateState::id).collect(Collectors.joining(", ")) + ", but '" + id + "' was given");
    }
}
