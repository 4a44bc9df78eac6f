package io.datalake.pipelines.model.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enriches rows with columns of a reference view (a dimension): every column of {@code from}, plus
 * the {@code fields} of the reference row whose {@code keys} match. The reference should hold one
 * row per key; a key with several reference rows repeats the row.
 *
 * @param keys   the columns of {@code from} mapped to the reference's columns they match
 * @param fields the reference's columns to add, mapped to their name in the result
 * @param inner  whether rows without a reference row are dropped ({@code joinType: inner}) instead
 *               of kept with nulls ({@code left}, the default)
 */
public record LookupStep(String view, String from, String reference, Map<String, String> keys,
        Map<String, String> fields, boolean inner) implements Step {
    public LookupStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(reference, "reference");
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public List<String> reads() {
        return List.of(from, reference);
    }

    @Override
    public String kind() {
        return "lookup";
    }
}
