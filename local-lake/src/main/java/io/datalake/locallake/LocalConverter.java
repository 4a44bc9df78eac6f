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
            List<ManifestFile> dataFiles = upload(out, bucket, pending.folder());
            pending.commit(manifest.completed(clock.instant(), dataFiles, rows));
            return true;
        } catch (SQLException e) {
            String reason = "conversion to Parquet failed: " + e.getMessage().lines().findFirst().orElse(e.getMessage());
            pending.commit(manifest.failed(reason));
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
