package io.datalake.pipelines.model.step;

import java.util.List;

/**
 * One step of a SQL pipeline. Every step defines a temporary view named {@link #view()} that later
 * steps select from; the last step's view is what the pipeline writes. A step is either a SQL file
 * or a declarative step that {@link StepSql} compiles to one Spark SQL query.
 */
public sealed interface Step permits SqlStep, DeduplicateStep, SortStep, JoinStep, LookupStep, MaskStep, AggregateStep {
    /** The view this step defines. */
    String view();

    /** The views this step reads, in order; empty for a SQL file (its SQL names what it reads). */
    List<String> reads();

    /** The step's kind as written in a config: {@code sql}, {@code deduplicate}, ... */
    String kind();
}
