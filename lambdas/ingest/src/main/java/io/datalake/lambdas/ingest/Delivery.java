package io.datalake.lambdas.ingest;

import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.UpdateSource;
import java.util.Objects;

/**
 * One delivery to ingest: an object dropped in a drop bucket (from its S3 event), or an object the
 * REST API was asked to ingest (from its {@link IngestRequest}).
 *
 * @param kind {@code DROP} or {@code API}
 * @param bucket the bucket holding the delivered object
 * @param key the object's key, as S3 stores it (never URL-encoded)
 * @param versionId the object version the event is about; {@code null} in an unversioned bucket
 * @param sequencer the event's sequencer, which tells two writes of the same key apart; may be {@code null}
 * @param etag the ETag the event reported, without quotes; may be {@code null}
 * @param request the API's request; {@code null} for a drop
 */
public record Delivery(UpdateSource.Kind kind, String bucket, String key, String versionId, String sequencer,
                       String etag, IngestRequest request) {
    public Delivery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        etag = etag == null ? null : unquote(etag);
        if (kind == UpdateSource.Kind.API) {
            Objects.requireNonNull(request, "request");
        }
    }

    /** An object dropped in a drop bucket. */
    public static Delivery drop(String bucket, String key, String versionId, String sequencer, String etag) {
        return new Delivery(UpdateSource.Kind.DROP, bucket, key, blankToNull(versionId), blankToNull(sequencer),
                blankToNull(etag), null);
    }

    /** An object the REST API was asked to ingest. */
    public static Delivery api(IngestRequest request) {
        return new Delivery(UpdateSource.Kind.API, request.bucket(), request.key(), request.versionId(), null,
                request.etag(), request);
    }

    public boolean isDrop() {
        return kind == UpdateSource.Kind.DROP;
    }

    /**
     * Where the update came from, as its manifest records it. The version is the object's version
     * id, else (for a drop) the event's sequencer, else its ETag: whatever tells this write of the
     * key from a later one.
     */
    public UpdateSource source() {
        String version = versionId != null ? versionId : sequencer != null ? sequencer : etag;
        return new UpdateSource(kind, bucket, key, version);
    }

    /** The idempotency key the delivery ledger is claimed with. */
    public String deliveryKey() {
        return request != null ? request.deliveryKey() : source().deliveryKey();
    }

    static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key + (versionId == null ? "" : "?versionId=" + versionId);
    }
}
