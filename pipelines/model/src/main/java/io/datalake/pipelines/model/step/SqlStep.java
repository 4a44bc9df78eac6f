package io.datalake.pipelines.model.step;

import java.util.List;
import java.util.Objects;

/**
 * A step written in SQL: one {@code SELECT} in a {@code .sql} file of the pipeline folder, which may
 * read the inputs (by their alias) and every earlier step's view.
 *
 * @param view the view it defines; by default the file name without {@code .sql}
 * @param file the file name, relative to the pipeline folder
 * @param sql  the query, without a trailing semicolon
 */
public record SqlStep(String view, String file, String sql) implements Step {
    public SqlStep {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sql, "sql");
    }

    @Override
    public List<String> reads() {
        return List.of();
    }

    @Override
    public String kind() {
        return "sql";
    }
}
