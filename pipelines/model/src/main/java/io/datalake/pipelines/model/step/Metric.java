package io.datalake.pipelines.model.step;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.Messages;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One computed column of an {@link AggregateStep}, written {@code revenue_eur: sum(amount_eur)}.
 *
 * @param name     the result column
 * @param function the aggregation
 * @param column   the column aggregated; empty for {@code count(*)}
 */
public record Metric(String name, Aggregation function, Optional<String> column) {
    private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z_]+)\\s*\\(\\s*([^()\\s]*)\\s*\\)\\s*");

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(column, "column");
        if (column.isEmpty() && function != Aggregation.COUNT) {
            throw new IllegalArgumentException(function.id() + " needs a column; only count may use *");
        }
    }

    /**
     * Parses {@code function(column)} or {@code count(*)}.
     *
     * @throws LakeConfigException naming the field and what a metric looks like
     */
    public static Metric parse(String field, String name, String text) {
        Matcher m = text == null ? null : CALL.matcher(text);
        if (m == null || !m.matches()) {
            throw new LakeConfigException(field + " must be a function of a column, e.g. sum(amount_eur) or count(*),"
                    + " with one of " + Aggregation.allowed() + ", but " + Messages.quote(text) + " was given");
        }
        Aggregation function = Aggregation.parse(field, m.group(1));
        String argument = m.group(2);
        if (argument.equals("*")) {
            if (function != Aggregation.COUNT) {
                throw new LakeConfigException(field + " " + Messages.quote(text) + " needs a column: only count"
                        + " may count rows with *");
            }
            return new Metric(name, function, Optional.empty());
        }
        return new Metric(name, function, Optional.of(Column.checkName(field, argument)));
    }

    @Override
    public String toString() {
        return name + ": " + function.id() + "(" + column.orElse("*") + ")";
    }
}
