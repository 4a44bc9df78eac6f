package io.datalake.pipelines.model.step;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** Which row of a group of duplicates {@link DeduplicateStep} keeps, by its {@code orderBy} columns. */
public enum KeepRow {
    /** The row with the smallest {@code orderBy} values. */
    FIRST,
    /** The row with the largest {@code orderBy} values. */
    LAST,
    /**
     * The same as {@link #LAST}; reads better when {@code orderBy} is a date or timestamp, e.g. the
     * most recent version of a customer record.
     */
    LATEST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the kept row has the largest {@code orderBy} values. */
    public boolean largest() {
        return this != FIRST;
    }

    public static String allowed() {
        return Messages.ids(values(), KeepRow::id);
    }

    public static KeepRow parse(String field, String value) {
        return Messages.parseId(field, value, values(), KeepRow::id);
    }
}
