package io.datalake.lambdas.ingest;

import io.datalake.core.RawRetention;
import io.datalake.core.dataset.Compression;
import io.datalake.core.update.ManifestFile;
import io.datalake.lambdas.ingest.exceptions.RejectedDeliveryException;
import io.datalake.lambdas.ingest.exceptions.VerificationException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Writes a delivery's files under {@code <dataset>/raw/<update>/} of the tier's data bucket and
 * measures what was written: plain files by server-side copy, gzip and zip by unpacking as they
 * stream. Every file is verified against S3 before it is listed, and the list is what the
 * manifest records.
 *
 * <p>A server-side copy is verified by reading the copy back: its size must equal the source's,
 * and reading it yields the SHA-256 the manifest needs. ETags cannot stand in for this: with SSE-KMS
 * (every lake bucket) an ETag is not the MD5 of the content, a multipart ETag is a hash of part
 * hashes, and S3 computes a full-object SHA-256 only for single-part uploads. Reading costs one GET
 * through the function (about a minute for 5 GiB), and proves the bytes in the lake are complete.
 * Unpacked files are hashed while they stream, and their stored size is checked with a HEAD.
 *
 * <p>A refused delivery writes nothing: a plain file's name is checked before the copy, a gzip
 * stream is only stored once it has been read to its end (its trailer checked, within the limits),
 * and a zip archive is read through once before any file of it is written.
 */
final class RawWriter {
    private final S3Client s3;
    private final ServerSideCopy copier;
    private final StreamingUpload uploader;
    private final ArchiveExpander expander;
    private static final int NOT_IMPLEMENTED = 501;

    RawWriter(S3Client s3, IngestLimits limits) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.copier = new ServerSideCopy(s3, limits);
        this.uploader = new StreamingUpload(s3, limits.uploadPartSize());
        this.expander = new ArchiveExpander(limits);
    }

    /**
     * Writes the delivery's files under {@code prefix} and returns them, relative to it.
     *
     * @throws RejectedDeliveryException when the delivery cannot become raw files, before any of them is written
     */
    List<ManifestFile> write(SourceObject source, Compression compression, String bucket, String prefix) {
        String name = source.key().substring(source.key().lastIndexOf('/') + 1);
        return switch (compression) {
            case NONE -> List.of(copy(source, name, bucket, prefix));
            case GZIP -> unpack(source, bucket, prefix, (in, sink) -> expander.gunzip(in, source.size(), name, sink));
            case ZIP -> {
                // A zip is read twice: first to the end without writing, so a refused archive (an entry
                // that climbs out, a bomb found in its last entry) leaves nothing under raw/, where the
                // ingest may not delete; then again to write its files.
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(source::pin)) {
                    expander.unzip(new NetworkStream(in), source.size(), name, ArchiveExpander.DISCARD);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                yield unpack(source, bucket, prefix, (in, sink) -> expander.unzip(in, source.size(), name, sink));
            }
        };
    }

    /**
     * Tags the raw files with their dataset's retention ({@link RawRetention#TAG}), which the tier
     * bucket's lifecycle rule of that value expires; nothing without a retention. Done before the
     * manifest is written, so a retried delivery tags again until its update is committed. A store
     * without object tags (the local lake's s3proxy answers 501) is left untagged: the local lake
     * applies the retention itself.
     */
    void tagRetention(String bucket, String prefix, List<ManifestFile> files, OptionalInt days) {
        if (days.isEmpty()) {
            return;
        }
        Tagging tagging = Tagging.builder().tagSet(Tag.builder().key(RawRetention.TAG)
                .value(RawRetention.tagValue(days.getAsInt())).build()).build();
        for (ManifestFile file : files) {
            try {
                s3.putObjectTagging(r -> r.bucket(bucket).key(prefix + file.path()).tagging(tagging));
            } catch (S3Exception e) {
                if (e.statusCode() == NOT_IMPLEMENTED) {
                    return;
                }
                throw e;
            }
        }
    }

    /**
     * Deletes every object under the prefix. A refused delivery writes nothing, so this finds
     * nothing unless an earlier attempt under other limits had written files before it was refused.
     */
    void clear(String bucket, String prefix) {
        for (String key : keys(bucket, prefix)) {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        }
    }

    private ManifestFile copy(SourceObject source, String name, String bucket, String prefix) {
        String path = ArchiveExpander.checkedPath(name, name);
        String key = prefix + path;
        copier.copy(source, bucket, key, null);
        long stored = s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
        if (stored != source.size()) {
            throw new VerificationException("the copy " + key + " holds " + stored + " bytes, but the delivered object "
                    + source.key() + " holds " + source.size());
        }
        Sha256.Sized read;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key))) {
            read = Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read.size() != source.size()) {
            throw new VerificationException("reading the copy " + key + " gave " + read.size() + " bytes, but "
                    + source.size() + " were delivered");
        }
        return new ManifestFile(path, read.size(), read.sha256());
    }

    @FunctionalInterface
    private interface Unpacker {
        List<ArchiveExpander.Written> unpack(InputStream in, ArchiveExpander.Sink sink);
    }

    private List<ManifestFile> unpack(SourceObject source, String bucket, String prefix, Unpacker unpacker) {
        ArchiveExpander.Sink sink = (path, data) -> {
            String key = prefix + path;
            Sha256.Sized written = uploader.upload(bucket, key, data);
            long stored = s3.headObject(r -> r.bucket(bucket).key(key)).contentLength();
            if (stored != written.size()) {
                throw new VerificationException("the unpacked file " + key + " holds " + stored + " bytes, but "
                        + written.size() + " were written");
            }
            return written;
        };
        List<ManifestFile> files = new ArrayList<>();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(source::pin)) {
            for (ArchiveExpander.Written written : unpacker.unpack(new NetworkStream(in), sink)) {
                files.add(written.toManifestFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .filter(k -> !k.endsWith("/")) // s3proxy lists its folders
                .toList();
    }

    /**
     * The delivered object's bytes, whose read failures are network trouble (retryable), told apart
     * from the IOExceptions a decompressor throws for damaged data (final).
     */
    private static final class NetworkStream extends FilterInputStream {
        NetworkStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw new UncheckedIOException("reading the delivered object failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the delivered object failed: " + e.getMessage(), e);
            }
        }
    }
}
