package io.datalake.lambdas.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MetadataDirective;

/**
 * Copies an object inside S3 without passing its bytes through the function: one CopyObject up to
 * the threshold (S3 allows 5 GiB), a multipart upload of UploadPartCopy ranges above it. The copy
 * takes the destination bucket's default encryption (the tier key).
 */
final class ServerSideCopy {
    private final S3Client s3;
    private final long threshold;
    private final long partSize;

    ServerSideCopy(S3Client s3, IngestLimits limits) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.threshold = limits.multipartCopyThreshold();
        this.partSize = limits.copyPartSize();
    }

    /** A byte range of a part copy, both ends inclusive. */
    record Range(long first, long last) {
        String header() {
            return "bytes=" + first + "-" + last;
        }
    }

    /**
     * Copies the source to {@code bucket/key}.
     *
     * @param metadata user metadata to set on the copy instead of the source's, or {@code null} to keep the source's
     */
    void copy(SourceObject source, String bucket, String key, Map<String, String> metadata) {
        if (source.size() <= threshold) {
            s3.copyObject(r -> {
                source.pin(r);
                r.destinationBucket(bucket).destinationKey(key);
                if (metadata != null) {
                    r.metadataDirective(MetadataDirective.REPLACE).metadata(metadata);
                }
            });
            return;
        }
        String uploadId = s3.createMultipartUpload(r -> {
            r.bucket(bucket).key(key);
            if (metadata != null) {
                r.metadata(metadata);
            }
        }).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (Range range : parts(source.size(), partSize)) {
                int number = parts.size() + 1;
                String etag = s3.uploadPartCopy(r -> {
                    source.pin(r);
                    r.destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(number)
                            .copySourceRange(range.header());
                }).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            StreamingUpload.abort(s3, bucket, key, uploadId, e);
            throw e;
        }
    }

    /**
     * The ranges a multipart copy of {@code size} bytes is made of: parts of {@code partSize} bytes,
     * larger when S3's 10,000-part limit requires, the last one shorter.
     */
    static List<Range> parts(long size, long partSize) {
        long part = Math.max(partSize, ceilDiv(size, StreamingUpload.MAX_PARTS));
        List<Range> ranges = new ArrayList<>();
        for (long first = 0; first < size; first += part) {
            ranges.add(new Range(first, Math.min(first + part, size) - 1));
        }
        return ranges;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
