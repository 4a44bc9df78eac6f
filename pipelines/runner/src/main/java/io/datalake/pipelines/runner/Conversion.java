package io.datalake.pipelines.runner;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.conversion.ConversionException;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.commit.PendingUpdate;
import io.datalake.registry.commit.UpdateFolder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkException;
import org.apache.spark.SparkRuntimeException;
import org.apache.spark.sql.SparkSession;

/**
 * The built-in conversion: the raw files of one raw-complete update become Parquet in
 * {@code <dataset>/data/<update>/}, typed by the dataset's schema through the same type mapping the
 * Glue tables and the local conversion use, partitioned as the dataset declares. The job run holds
 * the update while it writes, and commits it through the lake's one update committer: the manifest
 * turns complete, listing the Parquet files and the rows, the registry follows, the update is announced.
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
        // This job run's attempt holds the update until it commits; what a killed run left goes.
        PendingUpdate pending = context.committer().begin(context.storage().bucket(dataset.tier()), dataset.name(), update,
                UpdateState.RAW_COMPLETE, UpdateFolder.DATA, "convert:" + UUID.randomUUID());
        pending.clear();
        try {
            return convert(dataset, raw, start, what, pending);
        } catch (ConversionException e) {
            ConversionException bad = e.inUpdate(update, dataset.name());
            fail(pending, raw, bad);
            throw bad;
        } catch (LakeConfigException e) {
            fail(pending, raw, e);
            throw e;
        } catch (Exception e) { // Spark's exceptions are undeclared, so Java sees checked ones here too
            if (RunErrors.causedBy(e, SparkException.class)) { // a value that does not fit: the data's fault
                LakeConfigException bad = new LakeConfigException(what + " does not fit the schema of dataset "
                        + dataset.name() + ": " + RunErrors.rootCause(e));
                fail(pending, raw, bad);
                throw bad;
            }
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(RunErrors.summary(e), e);
            try {
                pending.abort(); // a storage fault: the update stays raw-complete for the retry
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
        }
    }

    private RunResult convert(DatasetSpec dataset, UpdateManifest raw, Instant start, String what, PendingUpdate pending) {
        SparkSession session = RunnerSession.open(context.spark());
        String folder = context.storage().rawFolder(dataset.tier(), dataset.name(), raw.update());
        List<String> names = raw.rawFiles().stream().map(ManifestFile::path).toList();
        SparkConversion conversion = new SparkConversion(session, dataset, names.stream().map(p -> folder + p).toList(), names);
        UpdateWriter.Written written;
        try {
            written = new UpdateWriter(session, context.storage()).write(conversion.rows(), dataset, pending);
        } catch (Exception e) { // Spark's exceptions are undeclared, so Java sees checked ones here too
            if (RunErrors.causedBy(e, SparkException.class) || RunErrors.causedBy(e, SparkRuntimeException.class)) {
                throw conversion.diagnose(e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(RunErrors.summary(e), e);
        }
        pending.commit(raw.completed(context.clock().instant(), written.files(), written.rows()));
        return new RunResult(dataset.name(), raw.update(), written.rows(), written.files().size(), List.of(),
                Duration.between(start, context.clock().instant()));
    }

    private static void fail(PendingUpdate pending, UpdateManifest raw, Exception e) {
        pending.commit(raw.failed(RunErrors.summary(e)));
    }
}
