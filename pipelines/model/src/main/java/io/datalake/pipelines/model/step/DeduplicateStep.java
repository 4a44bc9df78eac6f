package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;

/**
 * Keeps one row per key: of each group of rows with equal {@code keys}, the first or last by
 * {@code orderBy}. Rows whose {@code orderBy} values are null never win over rows that have them;
 * between rows with equal {@code orderBy} values the choice is arbitrary, so order by something
 * unique within a key when it matters.
 */
public record DeduplicateStep(String view, String from, List<String> keys, KeepRow keep, List<String> orderBy)
        implements Step {
    public DeduplicateStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(from, "from");
        keys = List.copyOf(keys);
        Objects.requireNonNull(keep, "keep");
        orderBy = List.copyOf(orderBy);
    }

    @Override
    public List<String> reads() {
        return List.of(from);
    }

    @Override
    public String kind() {
        return "deduplicate";
    }
}
