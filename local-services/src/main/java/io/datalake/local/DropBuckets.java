package io.datalake.local;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Buckets whose objects are deliveries, each taken (and deleted) by a watcher. s3proxy keeps no object
 * versions, so a second upload of a key would replace a first one that was not taken yet; in these
 * buckets the local S3 makes that upload wait until the key is free instead (see {@link WaitingWrites}).
 *
 * @param names the buckets
 * @param exemptPrefixes key prefixes written by the lake itself, which never wait (e.g. {@code quarantine/})
 * @param maxWait how long an upload waits before it is answered {@code 503 SlowDown}, which S3 clients retry
 */
public record DropBuckets(Set<String> names, List<String> exemptPrefixes, Duration maxWait) {
    /** The default wait: below the AWS CLI's 60 s read timeout, so its retries take over. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    /** No drop buckets: every write goes straight through. */
    public static final DropBuckets NONE = new DropBuckets(Set.of(), List.of(), DEFAULT_WAIT);

    public DropBuckets {
        names = Set.copyOf(Objects.requireNonNull(names, "names"));
        exemptPrefixes = List.copyOf(Objects.requireNonNull(exemptPrefixes, "exemptPrefixes"));
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, but " + maxWait + " was given");
        }
    }

    /** Whether a write to this key of this bucket must wait for the key to be free. */
    boolean holds(String bucket, String key) {
        return names.contains(bucket) && !key.endsWith("/") && exemptPrefixes.stream().noneMatch(key::startsWith);
    }
}
