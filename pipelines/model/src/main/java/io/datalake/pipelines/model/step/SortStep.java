package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sorts rows, e.g. so that the Parquet files of the output are ordered for readers that scan them.
 *
 * @param nulls where null values go; empty for Spark's default (first ascending, last descending)
 */
public record SortStep(String view, String from, List<SortKey> orderBy, Optional<NullOrder> nulls) implements Step {
    public SortStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(from, "from");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(nulls, "nulls");
    }

    @Override
    public List<String> reads() {
        return List.of(from);
    }

    @Override
    public String kind() {
        return "sort";
    }
}
