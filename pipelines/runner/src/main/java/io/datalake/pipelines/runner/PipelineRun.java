package io.datalake.pipelines.runner;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.IllegalTransitionException;
import io.datalake.core.update.LakeUri;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineInput;
import io.datalake.pipelines.model.SparkJobRef;
import io.datalake.pipelines.model.step.SqlStep;
import io.datalake.pipelines.model.step.Step;
import io.datalake.pipelines.model.step.StepSql;
import io.datalake.pipelines.model.step.ViewColumn;
import io.datalake.registry.RunRecord;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.commit.PendingUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One run of a pipeline: resolve each input to a complete update, run the steps (or the Java job),
 * write the result as a new update of the output dataset, then commit it through the lake's one
 * update committer with its manifest (rows, files with checksums, and the input updates as its
 * upstreams), written last. The run is recorded when it starts and when it ends, with its rows or
 * its error. A failed run leaves no visible update: its files are deleted and it has no manifest.
 */
public final class PipelineRun {
    private final RunContext context;

    public PipelineRun(RunContext context) {
        this.context = context;
    }

    /**
     * @param runId the run's id, which is also the id of the update it writes
     * @throws LakeConfigException for a user mistake: an input without a complete update, a step
     *         naming a column that does not exist, a result that does not match the output's schema
     */
    public RunResult run(PipelineConfig config, UpdateId runId) {
        Instant start = context.clock().instant();
        context.recorder().record(new RunRecord(config.name(), runId.toString(), RunRecord.RUNNING, start, null, null, null));
        try {
            RunResult result = execute(config, runId, start);
            context.recorder().record(new RunRecord(config.name(), runId.toString(), RunRecord.SUCCEEDED, start,
                    context.clock().instant(), result.rows(), null));
            return result;
        } catch (RuntimeException e) {
            context.recorder().record(new RunRecord(config.name(), runId.toString(), RunRecord.FAILED, start,
                    context.clock().instant(), null, RunErrors.summary(e)));
            throw e;
        }
    }

    private RunResult execute(PipelineConfig config, UpdateId runId, Instant start) {
        DatasetSpec output = context.catalog().require(config.output().dataset());
        SparkSession session = RunnerSession.open(context.spark());
        if (config.tokenizes()) {
            byte[] key = context.tokenKey().orElseThrow(() -> new LakeConfigException("pipeline " + config.name()
                    + " masks with tokenize, which needs a token key: set LAKE_TOKEN_KEY locally, or give the job"
                    + " --token-key-secret on AWS"));
            TokenFunction.register(session, key);
        }
        Map<String, Dataset<Row>> inputs = new LinkedHashMap<>();
        List<UpstreamRef> upstreams = new ArrayList<>();
        for (PipelineInput input : config.inputs()) {
            DatasetSpec dataset = context.catalog().require(input.dataset());
            UpdateId update = resolve(input, dataset);
            upstreams.add(new UpstreamRef(input.dataset(), update));
            Dataset<Row> rows = read(session, dataset, update);
            rows.createOrReplaceTempView(input.alias());
            inputs.put(input.alias(), rows);
        }

        Dataset<Row> result = config.sparkJob().isPresent()
                ? runJob(config, config.sparkJob().get(), session, inputs, runId)
                : runSteps(config, session);
        String what = "the result of pipeline " + config.name();
        Dataset<Row> conformed = RunErrors.analysed(what, () -> DatasetSchema.conform(result, output, what));

        UpdateSource source = new UpdateSource(UpdateSource.Kind.PIPELINE, null, config.name(), runId.toString());
        // The run's update is recorded receiving and held by this run until it commits.
        // Earlier runs of this output that died before their commit are cleaned up first.
        context.committer().recoverAll(context.storage().bucket(output.tier()), output.name());
        PendingUpdate pending;
        try {
            pending = context.committer().create(context.storage().bucket(output.tier()), new UpdateRecord(output.name(),
                    runId, UpdateState.RECEIVING, source.deliveryKey(), DatasetLayout.manifestKey(output.name(), runId), 0, null,
                    start, start, null), runId.toString());
        } catch (IllegalTransitionException e) { // a run id given again: an update is never written twice
            throw new LakeConfigException("run id " + runId + " was used before: " + e.getMessage());
        }
        UpdateWriter.Written written;
        try {
            written = new UpdateWriter(session, context.storage()).write(conformed, output, pending);
            if (written.rows() > 0) {
                DatasetSchema.checkNotNull(session.read().parquet(context.storage().dataFolder(output.tier(), output.name(), runId)),
                        output, what);
            }
        } catch (RuntimeException e) {
            try {
                pending.abandon(RunErrors.summary(e));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        UpdateManifest.Builder manifest = UpdateManifest.builder()
                .dataset(output.name())
                .update(runId)
                .state(UpdateState.COMPLETE)
                .source(source)
                .createdAt(start)
                .completedAt(context.clock().instant())
                .dataFiles(written.files())
                .rowCount(written.rows());
        upstreams.forEach(manifest::upstream);
        pending.commit(manifest.build());
        return new RunResult(output.name(), runId, written.rows(), written.files().size(), upstreams,
                Duration.between(start, context.clock().instant()));
    }

    /** The complete update an input's address selects. */
    private UpdateId resolve(PipelineInput input, DatasetSpec dataset) {
        List<UpdateId> complete = context.storage().completeUpdates(dataset.tier(), dataset.name());
        LakeUri uri = input.uri();
        return uri.resolve(complete).orElseThrow(() -> new LakeConfigException("input " + input.alias() + " (" + uri
                + ") selects no update: " + (complete.isEmpty() ? "dataset " + dataset.name() + " has no complete update yet"
                : "dataset " + dataset.name() + " has " + complete.size() + " complete update(s), from " + complete.get(0)
                        + " to " + complete.get(complete.size() - 1))));
    }

    /** An update's rows, typed as the dataset declares (partition columns come from the folder names). */
    static Dataset<Row> read(SparkSession session, DatasetSpec dataset, UpdateId update, LakeFiles storage) {
        String folder = storage.dataFolder(dataset.tier(), dataset.name(), update);
        boolean empty = !storage.hasFiles(folder);
        if (dataset.hasSchema()) {
            StructType schema = DatasetSchema.of(dataset);
            // Spark puts partition columns last; the view keeps the dataset's declared order.
            return empty ? session.createDataFrame(List.<Row>of(), schema)
                    : session.read().schema(schema).parquet(folder).select(Arrays.stream(schema.fieldNames())
                            .map(name -> org.apache.spark.sql.functions.col(StepSql.quote(name))).toArray(Column[]::new));
        }
        if (empty) {
            throw new LakeConfigException("update " + update + " of dataset " + dataset.name() + " has no rows, and the"
                    + " dataset declares no schema to give its empty view columns");
        }
        return session.read().parquet(folder);
    }

    private Dataset<Row> read(SparkSession session, DatasetSpec dataset, UpdateId update) {
        return read(session, dataset, update, context.storage());
    }

    private static Dataset<Row> runSteps(PipelineConfig config, SparkSession session) {
        for (Step step : config.steps()) {
            String what = step instanceof SqlStep sql ? "step '" + step.view() + "' (" + sql.file() + ")"
                    : "step '" + step.view() + "' (" + step.kind() + ")";
            Dataset<Row> view = RunErrors.analysed(what, () -> session.sql(StepSql.compile(step, v -> columns(session, v))));
            view.createOrReplaceTempView(step.view());
        }
        return session.table(config.resultView().orElseThrow());
    }

    private static List<ViewColumn> columns(SparkSession session, String view) {
        try {
            return Arrays.stream(session.table(view).schema().fields())
                    .map(f -> new ViewColumn(f.name(), f.dataType().sql())).toList();
        } catch (Exception e) {
            throw new IllegalArgumentException("no view " + view, e);
        }
    }

    private Dataset<Row> runJob(PipelineConfig config, SparkJobRef ref, SparkSession session,
            Map<String, Dataset<Row>> inputs, UpdateId runId) {
        SparkJob job;
        try {
            Class<?> type = Class.forName(ref.className(), true, Thread.currentThread().getContextClassLoader());
            job = (SparkJob) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new LakeConfigException("sparkJob.class " + ref.className() + " of pipeline " + config.name()
                    + " is not on the classpath" + ref.jar().map(j -> "; is " + j + " built and deployed?").orElse(""));
        } catch (ClassCastException e) {
            throw new LakeConfigException("sparkJob.class " + ref.className() + " must implement " + SparkJob.class.getName());
        } catch (ReflectiveOperationException e) {
            throw new LakeConfigException("sparkJob.class " + ref.className() + " needs a public constructor without"
                    + " arguments: " + e.getClass().getSimpleName());
        }
        Dataset<Row> result = job.run(new SparkJobContext() {
            @Override
            public SparkSession spark() {
                return session;
            }

            @Override
            public Dataset<Row> input(String alias) {
                Dataset<Row> input = inputs.get(alias);
                if (input == null) {
                    throw new LakeConfigException("pipeline " + config.name() + " has no input '" + alias + "'; its inputs"
                            + " are " + String.join(", ", inputs.keySet()));
                }
                return input;
            }

            @Override
            public PipelineConfig config() {
                return config;
            }

            @Override
            public String runId() {
                return runId.toString();
            }
        });
        if (result == null) {
            throw new LakeConfigException("sparkJob.class " + ref.className() + " returned no rows (null)");
        }
        return result;
    }
}
