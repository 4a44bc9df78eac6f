package io.datalake.lambdas.ingest;

import java.util.Objects;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

/**
 * A delivered object as S3 describes it now (from a HEAD): the exact version that copies and reads
 * must use, so that a newer upload under the same key is never mixed into this update.
 *
 * @param bucket the bucket
 * @param key the key
 * @param versionId the version to read; {@code null} in an unversioned bucket
 * @param etag the ETag without quotes; reads in an unversioned bucket are conditional on it
 * @param size the size in bytes
 */
record SourceObject(String bucket, String key, String versionId, String etag, long size) {
    SourceObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        etag = etag == null ? null : Delivery.unquote(etag);
    }

    /** The ETag as HTTP writes it, in quotes: s3proxy compares an UploadPartCopy's condition only in this form. */
    String quotedEtag() {
        return "\"" + etag + "\"";
    }

    /** Pins a copy to this version (or, without versions, to this ETag). */
    void pin(CopyObjectRequest.Builder r) {
        r.sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId);
        if (versionId == null && etag != null) {
            r.copySourceIfMatch(quotedEtag());
        }
    }

    /** Pins a part copy to this version (or, without versions, to this ETag). */
    void pin(UploadPartCopyRequest.Builder r) {
        r.sourceBucket(bucket).sourceKey(key).sourceVersionId(versionId);
        if (versionId == null && etag != null) {
            r.copySourceIfMatch(quotedEtag());
        }
    }

    /** Pins a read to this version (or, without versions, to this ETag). */
    void pin(GetObjectRequest.Builder r) {
        r.bucket(bucket).key(key).versionId(versionId);
        if (versionId == null && etag != null) {
            r.ifMatch(quotedEtag());
        }
    }
}
