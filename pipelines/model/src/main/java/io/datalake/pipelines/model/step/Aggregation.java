package io.datalake.pipelines.model.step;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** A function of an {@link AggregateStep} metric. */
public enum Aggregation {
    /** Rows ({@code count(*)}) or non-null values of a column. */
    COUNT,
    /** Distinct non-null values of a column. */
    COUNT_DISTINCT,
    SUM,
    AVG,
    MIN,
    MAX;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String allowed() {
        return Messages.ids(values(), Aggregation::id);
    }

    public static Aggregation parse(String field, String value) {
        return Messages.parseId(field, value, values(), Aggregation::id);
    }
}
