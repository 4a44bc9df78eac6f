package io.datalake.locallake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.FileType;
import io.datalake.core.query.SqlText;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local Parquet conversion, Athena's and Glue's stand-in: for each raw-complete update it
 * reads the raw files with DuckDB, typed by the dataset's schema through the same
 * {@link io.datalake.core.dataset.ColumnType} mapping the Glue tables use, writes Parquet to
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
            List<String> files = manifest.rawFiles().stream().map(f -> rawFolder.resolve(f.path()).toString()).toList();
            long rows;
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
                sql.execute("CREATE VIEW source AS SELECT " + select(spec) + " FROM " + reader(spec, files));
                try (ResultSet count = sql.executeQuery("SELECT count(*) FROM source")) {
                    count.next();
                    rows = count.getLong(1);
                }
                if (spec.partitioning().isEmpty()) {
                    sql.execute("COPY source TO '" + quote(out.resolve("part-0.parquet")) + "' (FORMAT PARQUET)");
                } else {
                    sql.execute("COPY source TO '" + quote(out) + "' (FORMAT PARQUET, PARTITION_BY ("
                            + String.join(", ", spec.partitioning().stream().map(SqlText::quote).toList())
                            + "), OVERWRITE_OR_IGNORE)");
                }
            }
            List<ManifestFile> dataFiles = upload(out, bucket, DatasetLayout.dataPrefix(spec.name(), update.update()));
            UpdateManifest complete = manifest.toBuilder().state(UpdateState.COMPLETE).completedAt(clock.instant())
                    .dataFiles(dataFiles).rowCount(rows).build();
            lake.s3().putObject(r -> r.bucket(bucket).key(manifestKey).contentType("application/json"),
                    RequestBody.fromString(complete.toJson()));
            registry.transition(new UpdateRecord(update.dataset(), update.update(), UpdateState.COMPLETE, update.deliveryKey(),
                    manifestKey, update.rawBytes(), rows, update.createdAt(), clock.instant(), null), UpdateState.RAW_COMPLETE);
            return true;
        } catch (SQLException e) {
            String reason = "conversion to Parquet failed: " + e.getMessage().lines().findFirst().orElse(e.getMessage());
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

    /** The columns in schema order, cast to their declared types. */
    private static String select(DatasetSpec spec) {
        return spec.schema().stream()
                .map(c -> "CAST(" + SqlText.quote(c.name()) + " AS " + c.type().duckDbType() + ") AS " + SqlText.quote(c.name()))
                .collect(Collectors.joining(", "));
    }

    /** DuckDB's reader for the delivered format, reading every column as text first so the casts decide. */
    private static String reader(DatasetSpec spec, List<String> files) {
        String list = files.stream().map(f -> "'" + quote(Path.of(f)) + "'").collect(Collectors.joining(", ", "[", "]"));
        String columns = spec.schema().stream().map(c -> "'" + c.name() + "': 'VARCHAR'").collect(Collectors.joining(", ", "{", "}"));
        FileType type = spec.format().type();
        return switch (type) {
            case CSV -> "read_csv(" + list + ", header = " + spec.format().header() + ", delim = '"
                    + escape(String.valueOf(spec.format().delimiter())) + "', columns = " + columns + ", auto_detect = false)";
            case JSON -> "read_json(" + list + ", format = 'newline_delimited', columns = " + columns + ")";
            case PARQUET -> "read_parquet(" + list + ")";
        };
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

    private static String quote(Path path) {
        return escape(path.toAbsolutePath().toString());
    }

    private static String escape(String text) {
        return text.replace("'", "''");
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
