package io.datalake.core.update;

import java.util.Objects;

/**
 * One file of an update: its key relative to the update's folder, its size and SHA-256, which a
 * reader can check and a retry compares instead of copying again.
 */
public record ManifestFile(String path, long size, String sha256) {
    public ManifestFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("file path must be relative to the update folder without '..', but '"
                    + path + "' was given");
        }
        if (size < 0) {
            throw new IllegalArgumentException("file size must not be negative, but " + size + " was given");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, but '" + sha256 + "' was given");
        }
    }
}
