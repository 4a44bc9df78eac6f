package io.datalake.lambdas.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Moves a dropped object the lake cannot take to {@code quarantine/<original key>} in the same drop
 * bucket, never dropping it silently. The reason travels twice: as the copy's user metadata
 * ({@value #REASON_METADATA}) and as a text file beside it ({@code <key>.reason.txt}), which a
 * producer sees in any S3 browser. The drop bucket's expiry removes both in time.
 *
 * <p>Idempotent: a retry copies and writes the same objects again, and a retry after the original
 * was deleted finds the quarantined copy and stops.
 */
final class Quarantine {
    /** The folder of quarantined objects in each drop bucket. */
    static final String PREFIX = "quarantine/";
    /** The user metadata key that holds the reason (S3 returns it as {@code x-amz-meta-lake-quarantine-reason}). */
    static final String REASON_METADATA = "lake-quarantine-reason";
    /** The suffix of the reason file beside a quarantined object. */
    static final String REASON_SUFFIX = ".reason.txt";
    private static final int MAX_METADATA_CHARS = 1024;

    private final S3Client s3;
    private final ServerSideCopy copier;

    Quarantine(S3Client s3, IngestLimits limits) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.copier = new ServerSideCopy(s3, limits);
    }

    /** S3's longest key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    /**
     * The key a dropped object is quarantined under: {@code quarantine/<key>}, or for a key too long
     * to take the prefix and the reason file's suffix within S3's 1,024 bytes, its start and a hash of the whole.
     */
    static String keyOf(String key) {
        String target = PREFIX + key;
        if ((target + REASON_SUFFIX).getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES) {
            return target;
        }
        String hash = "~" + java.util.HexFormat.of().formatHex(Sha256.digest().digest(key.getBytes(StandardCharsets.UTF_8)), 0, 4);
        int budget = MAX_KEY_BYTES - (PREFIX + REASON_SUFFIX + hash).getBytes(StandardCharsets.UTF_8).length;
        StringBuilder cut = new StringBuilder();
        int used = 0;
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            cut.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return PREFIX + cut + hash;
    }

    /**
     * Moves the object and records why.
     *
     * @param source the object as it is now, or {@code null} when it no longer exists
     * @return whether there was an object to move (false: it was gone and was never quarantined)
     */
    boolean move(Delivery delivery, SourceObject source, String reason) {
        String target = keyOf(delivery.key());
        if (source == null) {
            return exists(delivery.bucket(), target);
        }
        copier.copy(source, delivery.bucket(), target, Map.of(REASON_METADATA, ascii(reason)));
        String text = "s3://" + delivery.bucket() + "/" + delivery.key()
                + (source.versionId() == null ? "" : " (version " + source.versionId() + ")")
                + " was not ingested:\n" + reason + "\n";
        s3.putObject(r -> r.bucket(delivery.bucket()).key(target + REASON_SUFFIX).contentType("text/plain"),
                // UTF-8, but without "; charset=utf-8": s3proxy fails requests whose Content-Type has parameters.
                RequestBody.fromString(text, StandardCharsets.UTF_8));
        s3.deleteObject(r -> r.bucket(delivery.bucket()).key(source.key())); // a delete marker, as after an ingest
        return true;
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** S3 user metadata travels in HTTP headers: printable ASCII only, and short. */
    private static String ascii(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.length() > MAX_METADATA_CHARS ? b.substring(0, MAX_METADATA_CHARS) : b.toString();
    }
}
