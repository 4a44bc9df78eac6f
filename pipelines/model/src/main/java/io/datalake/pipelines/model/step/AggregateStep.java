package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;

/**
 * Groups rows by {@code groupBy} and computes {@code metrics} per group: the result has the group
 * columns, then one column per metric. Without group columns it is one row of totals.
 */
public record AggregateStep(String view, String from, List<String> groupBy, List<Metric> metrics) implements Step {
    public AggregateStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(from, "from");
        groupBy = List.copyOf(groupBy);
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("an aggregate needs at least one metric");
        }
    }

    @Override
    public List<String> reads() {
        return List.of(from);
    }

    @Override
    public String kind() {
        return "aggregate";
    }
}
