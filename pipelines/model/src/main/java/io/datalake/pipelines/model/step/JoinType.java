package io.datalake.pipelines.model.step;

import io.datalake.core.dataset.Messages;
import java.util.Locale;

/** The kind of a {@link JoinStep}, and the Spark SQL that joins that way. */
public enum JoinType {
    INNER("INNER JOIN"),
    LEFT("LEFT OUTER JOIN"),
    RIGHT("RIGHT OUTER JOIN"),
    FULL("FULL OUTER JOIN"),
    /** Left rows that have a match; only the left side's columns. */
    SEMI("LEFT SEMI JOIN"),
    /** Left rows that have no match; only the left side's columns. */
    ANTI("LEFT ANTI JOIN");

    private final String sql;

    JoinType(String sql) {
        this.sql = sql;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The join keyword, e.g. {@code LEFT OUTER JOIN}. */
    public String sql() {
        return sql;
    }

    /** Whether the result has only the left side's columns. */
    public boolean leftOnly() {
        return this == SEMI || this == ANTI;
    }

    public static String allowed() {
        return Messages.ids(values(), JoinType::id);
    }

    public static JoinType parse(String field, String value) {
        return Messages.parseId(field, value, values(), JoinType::id);
    }
}
