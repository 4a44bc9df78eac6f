package io.datalake.pipelines.model.step;

import java.util.Objects;

/**
 * A column of a view as Spark reports it.
 *
 * @param name the column name
 * @param type its Spark SQL type, e.g. {@code STRING}, {@code DECIMAL(12,2)}
 */
public record ViewColumn(String name, String type) {
    public ViewColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Whether the column holds text. */
    public boolean isText() {
        return type.equalsIgnoreCase("string") || type.toUpperCase(java.util.Locale.ROOT).startsWith("VARCHAR")
                || type.toUpperCase(java.util.Locale.ROOT).startsWith("CHAR");
    }
}
