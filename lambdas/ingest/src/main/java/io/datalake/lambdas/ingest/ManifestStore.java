package io.datalake.lambdas.ingest;

import io.datalake.core.update.UpdateManifest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads and writes update manifests, {@code <dataset>/updates/<update>.json}. A manifest is written
 * once: whoever writes first wins and every later attempt adopts that manifest, so a retry can never
 * leave a second, different one.
 *
 * <p>Two guards, because each covers what the other cannot: the manifest is read first (a retry
 * after a crash finds it; this is the only guard s3proxy honours, since it ignores
 * {@code If-None-Match} and overwrites), and the write carries {@code If-None-Match: *}, which on S3
 * refuses to replace a manifest that a concurrent attempt wrote in between (HTTP 412, or 409 when the
 * two writes overlap).
 */
final class ManifestStore {
    private final S3Client s3;

    ManifestStore(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    /**
     * The manifest, if there is one. Whether it exists is asked by listing its key: the ingest's
     * {@code s3:ListBucket} is limited to the {@code raw/} and {@code updates/} prefixes, and S3
     * answers a GET of a missing key with 403 rather than 404 to a role without unconditional
     * {@code s3:ListBucket}, which could not be told from a real denial.
     */
    Optional<UpdateManifest> read(String bucket, String key) {
        boolean listed = s3.listObjectsV2(r -> r.bucket(bucket).prefix(key).maxKeys(1)).contents().stream()
                .anyMatch(o -> o.key().equals(key));
        if (!listed) {
            return Optional.empty();
        }
        try {
            return Optional.of(UpdateManifest.fromJson(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes the manifest unless one exists; returns the manifest that is in S3 afterwards. The
     * ingest has read the manifest before copying; reading again here, right before the write,
     * narrows the window a store without conditional writes (s3proxy) leaves to the length of one
     * request instead of the whole copy.
     */
    UpdateManifest writeOnce(String bucket, UpdateManifest manifest) {
        Optional<UpdateManifest> existing = read(bucket, manifest.key());
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] json = manifest.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            s3.putObject(r -> r.bucket(bucket).key(manifest.key()).ifNoneMatch("*").contentType("application/json"),
                    RequestBody.fromBytes(json));
            return manifest;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return read(bucket, manifest.key()).orElseThrow(() -> e);
            }
            throw e;
        }
    }
}
