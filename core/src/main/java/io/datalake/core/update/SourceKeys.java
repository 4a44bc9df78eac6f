package io.datalake.core.update;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the key of an object the lake is asked to ingest may be: the one rule the REST API checks
 * before it accepts a request and ingest checks again before it reads one. S3 keys are opaque
 * strings, but stores on a filesystem (s3proxy, the local lake) resolve {@code ..} and {@code .}
 * segments as folders, and control characters break S3's XML listings: neither is ever a key a
 * producer meant.
 */
public final class SourceKeys {
    /** The longest key S3 stores, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;

    private SourceKeys() {
    }

    /**
     * Why a key cannot name a delivered object, or empty when it can.
     *
     * @return a phrase that completes "the key '...' ", e.g. "has a '..' segment"
     */
    public static Optional<String> problem(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("is empty");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(String.format("holds the control character U+%04X at position %d", (int) c, i + 1));
            }
            if (Character.isHighSurrogate(c) && (i + 1 == key.length() || !Character.isLowSurrogate(key.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(key.charAt(i - 1)))) {
                return Optional.of("is not valid Unicode (a lone surrogate at position " + (i + 1) + ")");
            }
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("is longer than S3's " + MAX_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            return Optional.of("starts with '/'");
        }
        if (key.endsWith("/")) {
            return Optional.of("ends with '/': it names a folder, not an object");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("has an empty segment ('//')");
            }
        }
        return dotSegment(key);
    }

    /**
     * Why a key would leave its folder on a store that resolves paths, or empty when it would not:
     * a {@code .} or {@code ..} segment. The one check that applies even to keys S3 itself stored,
     * since reading such a key from s3proxy reads another object.
     */
    public static Optional<String> dotSegment(String key) {
        for (String segment : key.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("has a '" + segment + "' segment: keys are not paths, and '..' never leaves a folder");
            }
        }
        return Optional.empty();
    }
}
