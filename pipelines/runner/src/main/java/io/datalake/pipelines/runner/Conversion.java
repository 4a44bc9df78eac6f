package io.datalake.pipelines.runner;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.conversion.ConversionException;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.SparkRuntimeException;
import org.apache.spark.sql.SparkSession;

/**
 * The built-in conversion: the raw files of one raw-complete update become Parquet in
 * {@code <dataset>/data/<update>/}, typed by the dataset's schema through the same type mapping the
 * Glue tables and the local conversion use, partitioned as the dataset declares. The manifest
 * then turns complete, listing the Parquet files and the rows, and the update is announced.
 *
 * <p>Converting an update that is complete already does nothing, so a repeated event or a retried
 * job is harmless. Files that do not match the schema fail the update: its manifest turns failed
 * with the reason, and nothing of it becomes visible. A storage fault is left to the retry.
 */
public final class Conversion {
    private final RunContext context;

    public Conversion(RunContext context) {
        this.context = context;
    }

    /**
     * @throws LakeConfigException when the update does not exist, has failed before, or its files
     *         do not match the dataset's schema (the update is then marked failed)
     */
    public RunResult convert(String datasetName, UpdateId update) {
        Instant start = context.clock().instant();
        DatasetSpec dataset = context.catalog().require(datasetName);
        UpdateManifest raw = context.storage().manifest(dataset.tier(), dataset.name(), update)
                .orElseThrow(() -> new LakeConfigException("update " + update + " of dataset " + dataset.name()
                        + " has no manifest at " + DatasetLayout.manifestKey(dataset.name(), update)));
        if (raw.state() == UpdateState.COMPLETE) {
            return new RunResult(dataset.name(), update, raw.rowCount().orElse(0), raw.dataFiles().size(), List.of(),
                    Duration.between(start, context.clock().instant()));
        }
        if (raw.state() != UpdateState.RAW_COMPLETE) {
            throw new LakeConfigException("update " + update + " of dataset " + dataset.name() + " is " + raw.state().id()
                    + ", but only a raw-complete update can be converted");
        }
        if (!dataset.hasSchema()) {
            throw new LakeConfigException("dataset " + dataset.name() + " declares no schema, so its updates are not"
                    + " converted; ingest completes them as delivered");
        }
        String what = "update " + update + " of dataset " + dataset.name();
        try {
            return convert(dataset, raw, start, what);
        } catch (ConversionException e) {
            ConversionException bad = e.inUpdate(update, dataset.name());
            fail(dataset, raw, bad);
            throw bad;
        } catch (LakeConfigException e) {
            fail(dataset, raw, e);
            throw e;
        } catch (Exception e) { // Spark's exceptions are undeclared, so Java sees checked ones here too
            if (RunErrors.causedBy(e, SparkException.class)) { // a value that does not fit: the data's fault
                LakeConfigException bad = new LakeConfigException(what + " does not fit the schema of dataset "
                        + dataset.name() + ": " + RunErrors.rootCause(e));
                fail(dataset, raw, bad);
                throw bad;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(RunErrors.summary(e), e);
        }
    }

    private RunResult convert(DatasetSpec dataset, UpdateManifest raw, Instant start, String what) {
        SparkSession session = RunnerSession.open(context.spark());
        String folder = context.storage().rawFolder(dataset.tier(), dataset.name(), raw.update());
        List<String> names = raw.rawFiles().stream().map(ManifestFile::path).toList();
        SparkConversion conversion = new SparkConversion(session, dataset, names.stream().map(p -> folder + p).toList(), names);
        UpdateWriter.Written written;
        try {
            written = new UpdateWriter(session, context.storage()).write(conversion.rows(), dataset, raw.update());
        } catch (Exception e) { // Spark's exceptions are undeclared, so Java sees checked ones here too
            if (RunErrors.causedBy(e, SparkException.class) || RunErrors.causedBy(e, SparkRuntimeException.class)) {
                throw conversion.diagnose(e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(RunErrors.summary(e), e);
        }
        UpdateManifest complete = raw.toBuilder()
                .state(UpdateState.COMPLETE)
                .completedAt(context.clock().instant())
                .dataFiles(written.files())
                .rowCount(written.rows())
                .build();
        context.storage().writeManifest(dataset.tier(), complete, true);
        context.listener().changed(complete, UpdateState.RAW_COMPLETE);
        return new RunResult(dataset.name(), raw.update(), written.rows(), written.files().size(), List.of(),
                Duration.between(start, context.clock().instant()));
    }

    private void fail(DatasetSpec dataset, UpdateManifest raw, Exception e) {
        UpdateManifest failed = raw.toBuilder().state(UpdateState.FAILED).error(RunErrors.summary(e)).build();
        context.storage().writeManifest(dataset.tier(), failed, true);
        context.listener().changed(failed, UpdateState.RAW_COMPLETE);
    }
}
