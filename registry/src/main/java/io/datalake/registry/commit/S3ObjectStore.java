package io.datalake.registry.commit;

import io.datalake.core.update.ObjectStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The {@link ObjectStore} of the Lambdas, the local lake and the CLI: S3 through the SDK.
 *
 * <p>Whether an object exists is asked by listing its key: a role whose {@code s3:ListBucket} is
 * limited to some prefixes (the ingest's) gets 403, not 404, for a GET of a missing key, which could
 * not be told from a real denial. {@link #putIfAbsent} checks that way and then writes with
 * {@code If-None-Match: *}, which S3 honours (412, or 409 for overlapping writes) and s3proxy ignores.
 */
public final class S3ObjectStore implements ObjectStore {
    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public Optional<byte[]> get(String bucket, String key) {
        if (!exists(bucket, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, byte[] content) {
        if (exists(bucket, key)) {
            return false;
        }
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*").contentType(contentType(key)),
                    RequestBody.fromBytes(content));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType(key)), RequestBody.fromBytes(content));
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream()
                .filter(o -> !o.key().endsWith("/")) // s3proxy lists its folders
                .map(o -> new StoredObject(o.key(), o.size()))
                .toList();
    }

    @Override
    public void delete(String bucket, String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    private boolean exists(String bucket, String key) {
        return s3.listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
    }

    private static String contentType(String key) {
        return key.endsWith(".json") ? "application/json" : "application/octet-stream";
    }
}
