package io.datalake.core.update;

import io.datalake.core.LakeConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where an update is in its life. Only {@link #COMPLETE} updates are visible to readers, queries
 * and {@code lake://} resolution; the manifest saying so is the update's commit point.
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
