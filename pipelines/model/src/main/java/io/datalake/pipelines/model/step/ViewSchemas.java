package io.datalake.pipelines.model.step;

import java.util.List;

/**
 * The columns of the views that exist when a step is compiled: the runner answers from Spark's
 * catalog, tests from a map. Declarative steps need them to keep every column in place (mask) or to
 * leave out duplicate names (join).
 */
@FunctionalInterface
public interface ViewSchemas {
    /**
     * @throws IllegalArgumentException when no such view exists
     */
    List<ViewColumn> columns(String view);
}
