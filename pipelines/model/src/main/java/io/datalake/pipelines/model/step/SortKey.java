package io.datalake.pipelines.model.step;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.Messages;
import java.util.Locale;
import java.util.Objects;

/** A column to sort by and its direction, written {@code amount_eur desc} in a config. */
public record SortKey(String column, boolean descending) {
    public SortKey {
        Objects.requireNonNull(column, "column");
    }

    /**
     * Parses {@code column}, {@code column asc} or {@code column desc}.
     *
     * @throws LakeConfigException naming the field when the text is not one of those
     */
    public static SortKey parse(String field, String text) {
        String[] words = text == null ? new String[0] : text.trim().split("\\s+");
        if (words.length == 1 || words.length == 2) {
            String direction = words.length == 2 ? words[1].toLowerCase(Locale.ROOT) : "asc";
            if (direction.equals("asc") || direction.equals("desc")) {
                return new SortKey(Column.checkName(field, words[0]), direction.equals("desc"));
            }
        }
        throw new LakeConfigException(field + " must be a column name, optionally followed by asc or desc"
                + " (e.g. 'amount_eur desc'), but " + Messages.quote(text) + " was given");
    }

    @Override
    public String toString() {
        return column + (descending ? " desc" : " asc");
    }
}
