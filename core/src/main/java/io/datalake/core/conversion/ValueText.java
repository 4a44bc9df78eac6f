package io.datalake.core.conversion;

import io.datalake.core.dataset.ColumnType;

/**
 * What the text of a value may look like for each {@link ColumnType}, as both engines check it
 * before they cast. The engines' own casts forgive different things (DuckDB rounds {@code 1.5} into
 * an int and {@code 1.005} into {@code decimal(5,2)}, Spark and DuckDB spell booleans differently),
 * so the accepted forms are narrowed here to those both read the same, and nothing is rounded,
 * trimmed or guessed: a value that does not fit fails the update.
 *
 * <p>The patterns use only character classes and counted repetition, so RE2 (DuckDB) and
 * {@link java.util.regex} (Spark) read them alike, and no backslash needs escaping in SQL.
 */
public final class ValueText {
    /** The largest number of significant digits a JSON number may carry into a decimal column (a double's exact range). */
    public static final int JSON_DECIMAL_DIGITS = 15;

    /** The replacement character, refused in strings: it stands for text lost before delivery. */
    public static final String REPLACEMENT = "\uFFFD";

    private static final String INTEGER = "[+-]?[0-9]+";
    private static final String FLOATING = "[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?";
    private static final String DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
    private static final String TIMESTAMP = DATE + "([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})?)?)?";

    private ValueText() {
    }

    /** The full-match pattern a value's text must have, or null for strings (any text). */
    public static String pattern(ColumnType type) {
        return switch (type.kind()) {
            case STRING -> null;
            case INT, BIGINT -> INTEGER;
            case DOUBLE, FLOAT -> FLOATING;
            case BOOLEAN -> "([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|1|0)";
            case DATE -> DATE;
            case TIMESTAMP -> TIMESTAMP;
            case DECIMAL -> type.scale() == 0 ? INTEGER
                    : "[+-]?([0-9]+([.][0-9]{1," + type.scale() + "})?|[.][0-9]{1," + type.scale() + "})";
        };
    }

    /** What a value of the type must be, for messages: {@code an int (a whole number from ... to ...)}. */
    public static String expected(ColumnType type) {
        return switch (type.kind()) {
            case STRING -> "a string (without U+FFFD, the mark of text that was broken before delivery)";
            case INT -> "an int (a whole number from -2147483648 to 2147483647)";
            case BIGINT -> "a bigint (a whole number from -9223372036854775808 to 9223372036854775807)";
            case DOUBLE -> "a double (a finite number such as 1.5 or -2.5e3)";
            case FLOAT -> "a float (a finite number within about 3.4e38, such as 1.5)";
            case BOOLEAN -> "a boolean (true, false, 1 or 0, in any case)";
            case DATE -> "a date (YYYY-MM-DD, a real day)";
            case TIMESTAMP -> "a timestamp (YYYY-MM-DD[Thh:mm[:ss[.ffffff][Z|+hh:mm]]]; no offset means UTC)";
            case DECIMAL -> "a " + type + " (at most " + (type.precision() - type.scale()) + " digits before the point and "
                    + type.scale() + " after it, no exponent)";
        };
    }
}
