package io.datalake.pipelines.runner;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a run works with, the same for a pipeline and a conversion: the Spark application, the
 * lake's storage, where dataset files come from, where runs and updates are reported, the clock
 * and, for the tokenize mask, the key.
 */
public record RunContext(SparkSession spark, LakeFiles storage, DatasetCatalog catalog, RunRecorder recorder,
        UpdateListener listener, Clock clock, Optional<byte[]> tokenKey) {
    public RunContext {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenKey, "tokenKey");
    }
}
