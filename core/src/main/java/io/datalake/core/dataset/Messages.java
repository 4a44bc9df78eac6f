package io.datalake.core.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How values appear in problem messages, so every message quotes and lists them the same way. */
public final class Messages {
    private Messages() {
    }

    /**
     * {@code 'value'}, or {@code nothing} for a missing value. Control characters are escaped so
     * a message stays on one line even when the value holds a line break or a tab.
     */
    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "nothing";
        }
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /**
     * Parses the lowercase id of an enum constant, forgiving case and surrounding blanks as
     * {@link io.datalake.core.Tier#parse} does, so all choices in a dataset file behave alike.
     */
    public static <E extends Enum<E>> E parseId(String field, String value, E[] choices, Function<E, String> id) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E choice : choices) {
                if (id.apply(choice).equals(wanted)) {
                    return choice;
                }
            }
        }
        throw DatasetValidationException.of(field, field + " must be one of " + ids(choices, id)
                + ", but " + quote(value) + " was given");
    }

    /** The ids joined for messages: {@code csv, json, parquet}. */
    public static <E extends Enum<E>> String ids(E[] choices, Function<E, String> id) {
        return Arrays.stream(choices).map(id).collect(Collectors.joining(", "));
    }
}
