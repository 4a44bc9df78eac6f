package io.datalake.core.dataset;

import java.util.Locale;

/**
 * What one update of a dataset stands for, which decides how readers combine updates: the latest
 * snapshot alone, or every delta so far.
 */
public enum UpdateMode {
    /** Each update holds the whole dataset and replaces the previous one. */
    SNAPSHOT,
    /** Each update holds only new or changed rows, added to the updates before it. */
    DELTA;

    /** The id used in dataset files: {@code snapshot}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ids joined for messages: {@code snapshot, delta}. */
    public static String allowed() {
        return Messages.ids(values(), UpdateMode::id);
    }

    /**
     * @param field the field the value came from, for the message
     * @throws DatasetValidationException naming the field and the allowed ids
     */
    public static UpdateMode parse(String field, String value) {
        return Messages.parseId(field, value, values(), UpdateMode::id);
    }
}
