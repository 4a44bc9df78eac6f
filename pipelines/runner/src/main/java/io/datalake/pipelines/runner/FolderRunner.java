package io.datalake.pipelines.runner;

import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.UpdateAnnouncer;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.registry.commit.UpdateCommitter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.SparkSession;

/**
 * The runner against a folder laid out like the lake's buckets ({@code <folder>/<bucket>/<dataset>/...},
 * as the local S3 keeps them), in Spark's local mode: what {@code lake run-pipeline} and
 * {@code lake convert-update} use through {@link LocalMain}. Callers need no Spark types; Spark
 * starts on the first run and stays up for the JVM's life.
 */
public final class FolderRunner {
    private final LakeNames names;
    private final Path folder;
    private final List<DatasetSpec> datasets;
    private final int threads;
    private final RunRecorder recorder;
    private final UpdateAnnouncer announcer;

    /**
     * @param datasets the environment's datasets: the runner learns tiers and schemas from them
     * @param threads  Spark's local worker threads
     * @param recorder where runs are recorded, e.g. the folder's {@link LocalRunLog}
     * @param announcer told about every committed update
     */
    public FolderRunner(LakeNames names, Path folder, List<DatasetSpec> datasets, int threads, RunRecorder recorder,
            UpdateAnnouncer announcer) {
        this.names = Objects.requireNonNull(names, "names");
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath();
        this.datasets = List.copyOf(datasets);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, but " + threads + " was given");
        }
        this.threads = threads;
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.announcer = Objects.requireNonNull(announcer, "announcer");
    }

    /** Runs a pipeline; its run id becomes the id of the update it writes. */
    public RunResult runPipeline(PipelineConfig pipeline, UpdateId runId) {
        return new PipelineRun(context()).run(pipeline, runId);
    }

    /** Converts one raw-complete update to Parquet, as the conversion job does on AWS. */
    public RunResult convert(String dataset, UpdateId update) {
        return new Conversion(context()).convert(dataset, update);
    }

    private RunContext context() {
        SparkSession spark = LocalSpark.start(threads);
        LakeFiles storage = new LakeFiles(names, folder.toUri().toString(), spark.sparkContext().hadoopConfiguration());
        // A plain folder has no registry: the committer's write-once manifest is the guard.
        UpdateCommitter committer = UpdateCommitter.builder().store(storage).announcer(announcer).build();
        return new RunContext(spark, storage, DatasetCatalog.of(datasets), recorder, committer, Clock.systemUTC(),
                PipelineRunner.tokenKeyFromEnvironment());
    }
}
