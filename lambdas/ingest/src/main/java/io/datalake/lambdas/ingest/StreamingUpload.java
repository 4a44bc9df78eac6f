package io.datalake.lambdas.ingest;

import io.datalake.lambdas.ingest.exceptions.RejectedDeliveryException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads a stream of unknown length (an unpacked file) while computing its size and SHA-256:
 * one PutObject when it fits a part, a multipart upload otherwise, holding one part in memory at a
 * time. A failed multipart upload is aborted, so no part is left behind.
 */
final class StreamingUpload {
    /** S3's limit of parts per upload. */
    static final int MAX_PARTS = 10_000;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client s3;
    private final int partSize;

    StreamingUpload(S3Client s3, int partSize) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.partSize = partSize;
    }

    /**
     * @throws IOException when reading the stream fails: for a decompressing stream, the archive is damaged
     */
    Sha256.Sized upload(String bucket, String key, InputStream in) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[partSize];
        int n = in.readNBytes(buffer, 0, partSize);
        digest.update(buffer, 0, n);
        if (n < partSize) {
            int length = n;
            s3.putObject(r -> r.bucket(bucket).key(key).contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTETS));
            return new Sha256.Sized(n, Sha256.hex(digest));
        }
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long size = 0;
            while (n > 0) {
                int number = parts.size() + 1;
                if (number > MAX_PARTS) {
                    throw new RejectedDeliveryException("'" + key + "' needs more than " + MAX_PARTS + " parts of "
                            + partSize + " bytes; raise LAKE_UPLOAD_PART_SIZE");
                }
                int length = n;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                                .contentLength((long) length),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, OCTETS))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += n;
                n = in.readNBytes(buffer, 0, partSize);
                digest.update(buffer, 0, n);
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return new Sha256.Sized(size, Sha256.hex(digest));
        } catch (IOException | RuntimeException e) {
            abort(s3, bucket, key, uploadId, e);
            throw e;
        }
    }

    /** Aborts a multipart upload after a failure, keeping the failure as the one reported. */
    static void abort(S3Client s3, String bucket, String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
