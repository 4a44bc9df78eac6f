package io.datalake.pipelines.model;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/**
 * How a run writes its output dataset. Updates are immutable, so the one mode is a new update per
 * run; a pipeline that accumulates reads its own output's latest update as an input.
 */
public enum WriteMode {
    /** Each run writes a new, complete update of the output dataset. */
    NEW_UPDATE;

    /** {@code new-update}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static WriteMode parse(String field, String value) {
        return Messages.parseId(field, value, values(), WriteMode::id);
    }
}
