package io.datalake.pipelines.runner;

import io.datalake.registry.commit.UpdateCommitter;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a run works with, the same for a pipeline and a conversion: the Spark application, the
 * lake's storage, where dataset files come from, where runs are reported, the committer of updates
 * (over the same storage), the clock and, for the tokenize mask, the key.
 */
public record RunContext(SparkSession spark, LakeFiles storage, DatasetCatalog catalog, RunRecorder recorder,
        UpdateCommitter committer, Clock clock, Optional<byte[]> tokenKey) {
    public RunContext {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(recorder, "recorder");
        Objects.requireNonNull(committer, "committer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenKey, "tokenKey");
    }
}
