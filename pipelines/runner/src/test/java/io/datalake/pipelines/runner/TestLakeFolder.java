package io.datalake.pipelines.runner;

import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.RunRecord;
import io.datalake.registry.commit.UpdateCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A temporary folder laid out like the lake's tier buckets ({@code <bucket>/<dataset>/raw|data|updates}),
 * with helpers that deliver updates into it the way ingest and earlier runs would, and a run context
 * that records runs and updates in lists.
 */
final class TestLakeFolder {
    static final Path EXAMPLES = Path.of("..", "..", "dataset-templates", "examples");
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("test").region("eu-west-1").build());

    final Path dir;
    final SparkSession spark;
    final LakeFiles storage;
    final List<RunRecord> runs = new ArrayList<>();
    final List<UpdateManifest> changed = new ArrayList<>();
    private final Random random = new Random(7);
    private Instant clock = Instant.parse("2026-11-21T10:00:00Z");

    TestLakeFolder(Path dir) {
        this.dir = dir;
        this.spark = TestSpark.session();
        this.storage = new LakeFiles(NAMES, dir.toUri().toString(), spark.sparkContext().hadoopConfiguration());
    }

    static DatasetSpec example(String name) {
        return DatasetFiles.load(EXAMPLES.resolve(name + ".yaml"));
    }

    /** A context whose catalog knows the given datasets, recording into {@link #runs} and {@link #changed}. */
    RunContext context(List<DatasetSpec> datasets, Optional<byte[]> tokenKey) {
        Clock at = Clock.fixed(next(), ZoneOffset.UTC);
        return new RunContext(spark, storage, DatasetCatalog.of(datasets), runs::add,
                UpdateCommitter.builder().store(storage).announcer(changed::add).clock(at).build(), at, tokenKey);
    }

    /** A new update id, a minute after the last one. */
    UpdateId nextId() {
        return UpdateId.create(next(), random);
    }

    private Instant next() {
        clock = clock.plusSeconds(60);
        return clock;
    }

    /** Writes rows as a complete update of the dataset, as a finished conversion leaves it. */
    UpdateId complete(DatasetSpec dataset, List<Row> rows) {
        UpdateId update = nextId();
        String folder = storage.dataFolder(dataset.tier(), dataset.name(), update);
        spark.createDataFrame(rows, DatasetSchema.of(dataset)).write().mode(SaveMode.ErrorIfExists)
                .partitionBy(dataset.partitioning().toArray(String[]::new)).parquet(folder);
        List<ManifestFile> files = storage.files(folder);
        writeManifest(dataset, UpdateManifest.builder().dataset(dataset.name()).update(update)
                .state(UpdateState.COMPLETE).source(new UpdateSource(UpdateSource.Kind.API, "b", "k", null))
                .createdAt(clock).completedAt(clock).dataFiles(files).rowCount(rows.size()).build());
        return update;
    }

    /** Writes raw files and a raw-complete manifest, as ingest leaves an update for conversion. */
    UpdateId rawComplete(DatasetSpec dataset, Map<String, byte[]> files) {
        UpdateId update = nextId();
        UpdateManifest.Builder manifest = UpdateManifest.builder().dataset(dataset.name()).update(update)
                .state(UpdateState.RAW_COMPLETE).source(new UpdateSource(UpdateSource.Kind.DROP, "drop", "k", "v1"))
                .createdAt(clock);
        files.forEach((name, bytes) -> {
            Path file = bucket(dataset).resolve(DatasetLayout.rawPrefix(dataset.name(), update)).resolve(name);
            write(file, bytes);
            manifest.rawFile(new ManifestFile(name, bytes.length, sha256(bytes)));
        });
        writeManifest(dataset, manifest.build());
        return update;
    }

    /** Writes a manifest as an earlier commit did. */
    void writeManifest(DatasetSpec dataset, UpdateManifest manifest) {
        if (!storage.putIfAbsent(storage.bucket(dataset.tier()), manifest.key(), manifest.toJson().getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException(manifest + " exists");
        }
    }

    /** A dataset's manifest as stored. */
    UpdateManifest manifest(DatasetSpec dataset, UpdateId update) {
        return storage.manifest(dataset.tier(), dataset.name(), update).orElseThrow();
    }

    /** The rows of an update, read back as a reader of the lake would. */
    List<Row> rows(DatasetSpec dataset, UpdateId update, String orderBy) {
        return PipelineRun.read(spark, dataset, update, storage).orderBy(orderBy.split(",\\s*")[0],
                java.util.Arrays.copyOfRange(orderBy.split(",\\s*"), 1, orderBy.split(",\\s*").length)).collectAsList();
    }

    Path bucket(DatasetSpec dataset) {
        return dir.resolve(NAMES.dataBucket(dataset.tier()));
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
