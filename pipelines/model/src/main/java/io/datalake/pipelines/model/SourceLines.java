package io.datalake.pipelines.model;

import io.datalake.core.dataset.Problem;
import io.datalake.core.dataset.Problems;
import java.util.Map;

/**
 * Where a config was read from and the line of each of its fields, kept with the model so that a
 * check made after reading (does the output dataset exist? does the job name a pipeline there is?)
 * still points at the line to fix.
 *
 * @param file  the file as the user named it; {@code null} for a model built in code
 * @param lines the line of each field path
 */
public record SourceLines(String file, Map<String, Integer> lines) {
    /** A model built in code: no file, no lines. */
    public static final SourceLines NONE = new SourceLines(null, Map.of());

    public SourceLines {
        lines = Map.copyOf(lines);
    }

    /** Problems of this file, located by field path. */
    public Problems problems() {
        Problems problems = new Problems(file);
        problems.locate(lines);
        return problems;
    }

    /** A problem at the line of a field (or of its nearest enclosing field the file has). */
    public Problem problem(String field, String message) {
        return file == null ? Problem.of(field, message) : new Problem(file, problems().line(field), field, message);
    }
}
