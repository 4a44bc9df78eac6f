package io.datalake.pipelines.runner;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.ObjectStore;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateState;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The lake's tier buckets as the runner sees them: through Hadoop file systems, so the same code
 * reads {@code s3://} on Glue and EMR and {@code file:} in local mode. The layout is the lake's
 * ({@link DatasetLayout}); a bucket is {@code <root><bucket name>/}, where the root is {@code s3://}
 * on AWS and a folder holding one folder per bucket locally (as the local S3 keeps them).
 *
 * <p>It is also the runner's {@link ObjectStore}, the port the one update committer writes through.
 * Its listings leave out the checksum files Hadoop's local file system keeps beside each file
 * ({@code .<name>.crc}): they are the file system's, not objects of the lake.
 */
public final class LakeFiles implements ObjectStore {
    /** A placeholder checksum for listings that only need the names. */
    private static final String NO_HASH = "0".repeat(64);

    private final LakeNames names;
    private final String root;
    private final Configuration hadoop;

    /**
     * @param root {@code s3://}, or a folder URI ending in '/' such as {@code file:/tmp/lake/}
     */
    public LakeFiles(LakeNames names, String root, Configuration hadoop) {
        this.names = names;
        this.root = root.endsWith("/") ? root : root + "/";
        this.hadoop = hadoop;
    }

    public LakeNames names() {
        return names;
    }

    /** The bucket of a tier. */
    public String bucket(Tier tier) {
        return names.dataBucket(tier);
    }

    /** {@code <root><bucket>/<key>}: where an object of a tier's bucket is. */
    public String uri(Tier tier, String key) {
        return root + bucket(tier) + "/" + key;
    }

    /** {@code <root><bucket>/<key>}: where an object of a bucket is. */
    public String uri(String bucket, String key) {
        return root + bucket + "/" + key;
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        return readBytes(uri(bucket, key));
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] content) {
        Path file = new Path(uri(bucket, key));
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (fs.exists(file)) {
                return false;
            }
            try (OutputStream out = fs.create(file, false)) {
                out.write(content);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        Path file = new Path(uri(bucket, key));
        try (OutputStream out = file.getFileSystem(hadoop).create(file, true)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        Path base = new Path(uri(bucket, prefix));
        List<StoredObject> objects = new ArrayList<>();
        try {
            FileSystem fs = base.getFileSystem(hadoop);
            if (!fs.exists(base)) {
                return List.of();
            }
            String basePath = fs.makeQualified(base).toUri().getPath();
            basePath = basePath.endsWith("/") ? basePath : basePath + "/";
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
            while (it.hasNext()) {
                LocatedFileStatus file = it.next();
                String name = file.getPath().getName();
                if (name.startsWith(".") && name.endsWith(".crc")) {
                    continue;
                }
                objects.add(new StoredObject(prefix + file.getPath().toUri().getPath().substring(basePath.length()), file.getLen()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base, e);
        }
        objects.sort(Comparator.comparing(StoredObject::key));
        return objects;
    }

    @Override
    public void delete(String bucket, String key) {
        Path file = new Path(uri(bucket, key));
        try {
            file.getFileSystem(hadoop).delete(file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** The folder of an update's Parquet files. */
    public String dataFolder(Tier tier, String dataset, UpdateId update) {
        return uri(tier, DatasetLayout.dataPrefix(dataset, update));
    }

    /** The folder of an update's raw files. */
    public String rawFolder(Tier tier, String dataset, UpdateId update) {
        return uri(tier, DatasetLayout.rawPrefix(dataset, update));
    }

    /** Every manifest of a dataset that reads; manifests being written, or not JSON, are skipped. */
    public List<UpdateManifest> manifests(Tier tier, String dataset) {
        Path folder = new Path(uri(tier, DatasetLayout.manifestPrefix(dataset)));
        List<UpdateManifest> manifests = new ArrayList<>();
        try {
            FileSystem fs = folder.getFileSystem(hadoop);
            FileStatus[] files;
            try {
                files = fs.listStatus(folder);
            } catch (FileNotFoundException e) {
                return List.of(); // no update yet
            }
            for (FileStatus file : files) {
                String name = file.getPath().getName();
                if (file.isFile() && name.endsWith(".json") && !name.startsWith(".")) {
                    manifests.add(UpdateManifest.fromJson(read(file.getPath())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the manifests of " + dataset + " in " + folder, e);
        }
        manifests.sort(Comparator.comparing(UpdateManifest::update));
        return manifests;
    }

    /** The ids of a dataset's complete updates: the only ones readers may see. */
    public List<UpdateId> completeUpdates(Tier tier, String dataset) {
        return manifests(tier, dataset).stream().filter(m -> m.state() == UpdateState.COMPLETE)
                .map(UpdateManifest::update).toList();
    }

    /** One manifest, if it exists. */
    public Optional<UpdateManifest> manifest(Tier tier, String dataset, UpdateId update) {
        Path file = new Path(uri(tier, DatasetLayout.manifestKey(dataset, update)));
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(UpdateManifest.fromJson(read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest " + file, e);
        }
    }

    /**
     * The data files under a folder with their size and SHA-256, relative to it, in path order.
     * Hidden files (Hadoop's {@code .crc}, {@code _SUCCESS}) are not data.
     */
    public List<ManifestFile> files(String folder) {
        return walk(folder, true);
    }

    private List<ManifestFile> walk(String folder, boolean hash) {
        Path base = new Path(folder);
        List<ManifestFile> files = new ArrayList<>();
        try {
            FileSystem fs = base.getFileSystem(hadoop);
            if (!fs.exists(base)) {
                return List.of();
            }
            String prefix = fs.makeQualified(base).toUri().getPath();
            prefix = prefix.endsWith("/") ? prefix : prefix + "/";
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
            while (it.hasNext()) {
                LocatedFileStatus file = it.next();
                String relative = file.getPath().toUri().getPath().substring(prefix.length());
                if (!hidden(relative)) {
                    files.add(new ManifestFile(relative, file.getLen(), hash ? sha256(fs, file.getPath()) : NO_HASH));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the files of " + folder, e);
        }
        files.sort(Comparator.comparing(ManifestFile::path));
        return files;
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) {
                return true;
            }
        }
        return false;
    }

    /** The text of a file anywhere Hadoop reaches; empty when it does not exist. */
    public Optional<byte[]> readBytes(String uri) {
        Path file = new Path(URI.create(uri));
        try {
            FileSystem fs = file.getFileSystem(hadoop);
            if (!fs.exists(file) || !fs.getFileStatus(file).isFile()) {
                return Optional.empty();
            }
            try (InputStream in = fs.open(file)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        }
    }

    private String read(Path file) throws IOException {
        try (InputStream in = file.getFileSystem(hadoop).open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(FileSystem fs, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = fs.open(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Whether a folder holds any data file (hidden files aside). */
    public boolean hasFiles(String folder) {
        return !walk(folder, false).isEmpty();
    }
}
