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
 * update: the manifest says {@code complete} with the data files and row count, and the registry
 * follows. Data is uploaded through S3, as the job on AWS does; a rerun after a crash rewrites the
 * same files and commits once.
 */
public final class LocalConverter {
    private final LakeStorage lake;
    private final Clock clock;

    public LocalConverter(LakeStorage lake, Clock clock) {
        this.lake = lake;
        this.clock = clock;
    }

    /** Converts every raw-complete update of every registered dataset; returns how many it committed. */
    public int convertPending() {
        int converted = 0;
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), lake.names());
        for (DatasetRegistration dataset : new DatasetRegistry(lake.dynamo(), lake.names()).list()) {
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
        String manifestKey = DatasetLayout.manifestKey(spec.name(), update.update());
        UpdateManifest manifest = UpdateManifest.fromJson(lake.s3().getObjectAsBytes(r -> r.bucket(bucket).key(manifestKey)).asUtf8String());
        Path rawFolder = lake.bucketFolder(bucket).resolve(DatasetLayout.rawPrefix(spec.name(), update.update()));
        UpdateRegistry registry = new UpdateRegistry(lake.dynamo(), lake.names());
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
            List<ManifestFile> dataFiles = upload(out, bucket, DatasetLayout.dataPrefix(spec.name(), update.update()));
            UpdateManifest complete = manifest.toBuilder().state(UpdateState.COMPLETE).completedAt(clock.instant())
                    .dataFiles(dataFiles).rowCount(rows).build();
            lake.s3().putObject(r -> r.bucket(bucket).key(manifestKey).contentType("application/json"),
                    RequestBody.fromString(complete.toJson()));
            registry.transition(new UpdateRecord(update.dataset(), update.update(), UpdateState.COMPLETE, update.deliveryKey(),
                    manifestKey, update.rawBytes(), rows, update.createdAt(), clock.instant(), null), UpdateState.RAW_COMPLETE);
            return true;
        } catch (ConversionException e) {
            String reason = e.inUpdate(update.update(), spec.name()).getMessage();
            UpdateManifest failed = manifest.toBuilder().state(UpdateState.FAILED).error(reason).build();
            lake.s3().putObject(r -> r.bucket(bucket).key(manifestKey), RequestBody.fromString(failed.toJson()));
            registry.transition(new UpdateRecord(update.dataset(), update.update(), UpdateState.FAILED, update.deliveryKey(),
                    manifestKey, update.rawBytes(), null, update.createdAt(), clock.instant(), reason), UpdateState.RAW_COMPLETE);
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
