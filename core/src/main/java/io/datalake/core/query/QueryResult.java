package io.datalake.core.query;

import java.util.List;
import java.util.Objects;

/**
 * The rows of a query, as {@code lake query} prints them: column names, and each value as text
 * ({@code null} for SQL NULL). The local lake's DuckDB and Athena both answer in this shape.
 */
public record QueryResult(List<String> columns, List<List<String>> rows) {
    public QueryResult {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        // Rows may hold nulls, which List.copyOf refuses.
        rows = Objects.requireNonNull(rows, "rows").stream()
                .map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row))).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " values for " + columns.size() + " columns");
            }
        }
    }
}
