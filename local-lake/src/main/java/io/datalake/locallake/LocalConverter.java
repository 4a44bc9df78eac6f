package io.datalake.locallake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.conversion.ConversionException;
import io.datalake.core.conversion.RawFile;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import io.datalake.registry.commit.CommitFaults;
import io.datalake.registry.commit.PendingUpdate;
import io.datalake.registry.commit.S3ObjectStore;
import io.datalake.registry.commit.UpdateCommitter;
import io.datalake.registry.commit.UpdateFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local Parquet conversion, Athena's and Glue's stand-in: for each raw-complete update it
 * reads the raw files with DuckDB under the conversion contract both engines share
 * ({@link DuckDbConversion}, {@link io.datalake.core.conversion.ConversionSql}), writes Parquet to
 * {@code <dataset>/data/<update>/} (partitioned as the dataset file says), and then commits the
 * update through the lake's one {@link UpdateCommitter}: the listing of the data folder must equal
 * the files written (a temporary s3proxy left from a killed upload is deleted), the manifest says
 * {@code complete} with the data files and row count, and the registry follows. Data is uploaded
 * through S3, as the job on AWS does. Before converting, a dataset's half-made updates are
 * recovered; a rerun after a kill empties the data folder and converts again.
 */
public final class LocalConverter {
    /**
     * The local lake's commit attempt: one process converts at a time, so a restarted lake resumes
     * the updates its killed predecessor held instead of waiting for their lease.
     */
    static final String ATTEMPT = "local-lake";

    private final LakeStorage lake;
    private final Clock clock;
    private final CommitFaults faults;

    public LocalConverter(LakeStorage lake, Clock clock) {
        this(lake, clock, CommitFaults.NONE);
    }

    /** @param faults where a test kills the commit */
    LocalConverter(LakeStorage lake, Clock clock, CommitFaults faults) {
        this.lake = lake;
        this.clock = clock;
        this.faults = faults;
    }

    private UpdateCommitter committer() {
        return UpdateCommitter.builder().store(new S3ObjectStore(lake.s3()))
                .registry(new UpdateRegistry(lake.dynamo(), lake.names()))
                .datasets(new DatasetRegistry(lake.dynamo(), lake.names())).clock(clock).faults(faults).build();
    }

    /**
     * Recovers every registered dataset's half-made updates, then converts every raw-complete update;
     * returns how many it committed.
     */
    public int convertPending() {
        int converted = 0;
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), lake.names());
        for (DatasetRegistration dataset : new DatasetRegistry(lake.dynamo(), lake.names()).list()) {
            committer().recoverAll(lake.names().dataBucket(dataset.tier()), dataset.dataset());
            for (UpdateRecord update : updates.inState(dataset.dataset(), UpdateState.RAW_COMPLETE)) {
                if (convert(dataset, update)) {
                    converted++;
                }
            }
        }
        return converted;
    }

    /** Converts one update; returns false when the update failed (it is then marked failed, with the reason). */
    public boolean convert(DatasetRegistration registration, UpdateRecord update) {
        DatasetSpec spec = DatasetFiles.parse(registration.dataset() + ".yaml", registration.spec());
        String bucket = lake.names().dataBucket(spec.tier());
        UpdateCommitter committer = committer();
        UpdateManifest manifest = committer.manifest(bucket, spec.name(), update.update()).orElseThrow(() ->
                new IllegalStateException("update " + update.dataset() + "@" + update.update() + " has no manifest at "
                        + DatasetLayout.manifestKey(spec.name(), update.update())));
        Path rawFolder = lake.bucketFolder(bucket).resolve(DatasetLayout.rawPrefix(spec.name(), update.update()));
        PendingUpdate pending = committer.begin(bucket, spec.name(), update.update(), UpdateState.RAW_COMPLETE,
                UpdateFolder.DATA, ATTEMPT);
        pending.clear(); // what a killed conversion left
        Path out = null;
        try {
            out = Files.createTempDirectory("lake-convert");
            List<RawFile> files = new ArrayList<>();
            List<Path> paths = new ArrayList<>();
            for (ManifestFile raw : manifest.rawFiles()) {
                Path path = rawFolder.resolve(raw.path());
                files.add(new RawFile(raw.path(), () -> Files.newInputStream(path)));
                paths.add(path);
            }
            long rows = new DuckDbConversion(spec).convert(files, paths, out);
            List<ManifestFile> dataFiles = upload(out, bucket, pending.folder());
            pending.commit(manifest.completed(clock.instant(), dataFiles, rows));
            return true;
        } catch (ConversionException e) {
            pending.commit(manifest.failed(e.inUpdate(update.update(), spec.name()).getMessage()));
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(out);
        }
    }

    private List<ManifestFile> upload(Path folder, String bucket, String prefix) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<ManifestFile> manifest = new ArrayList<>();
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            lake.s3().putObject(r -> r.bucket(bucket).key(prefix + relative), RequestBody.fromFile(file));
            manifest.add(new ManifestFile(relative, Files.size(file), sha256(file)));
        }
        return manifest;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }
}
