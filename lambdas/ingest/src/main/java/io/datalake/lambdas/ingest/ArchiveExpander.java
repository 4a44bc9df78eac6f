package io.datalake.lambdas.ingest;

import io.datalake.core.conversion.StrictGzipInputStream;
import io.datalake.core.update.ManifestFile;
import io.datalake.lambdas.ingest.exceptions.RejectedDeliveryException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a delivered gzip stream or zip archive as it streams from S3, handing each file to a
 * {@link Sink} and never holding more than the sink's buffer. It refuses, with a reason a producer
 * can act on, archives whose entries would land outside the update's folder ({@code ../x},
 * {@code /etc/x}, {@code C:\x}), archives that unpack beyond {@link IngestLimits} (counted on the
 * bytes actually produced, not on the sizes the archive claims), too many entries, duplicate names,
 * and damaged or mislabelled files.
 *
 * <p>The sink may already have written files when a later entry is refused, so a caller that must
 * not leave any first unpacks into {@link #DISCARD}.
 */
final class ArchiveExpander {
    /** Where unpacked files go: usually an upload under {@code raw/<update>/}. */
    @FunctionalInterface
    interface Sink {
        /**
         * @param path the file's path relative to the update's folder, already checked
         * @param data the file's bytes; reading may throw {@link RejectedDeliveryException} when a limit is crossed
         * @throws IOException when reading {@code data} fails
         */
        Sha256.Sized write(String path, InputStream data) throws IOException;
    }

    /** A sink that reads each file to its end and keeps nothing: for checking an archive before it is written. */
    static final Sink DISCARD = (path, data) -> new Sha256.Sized(data.transferTo(java.io.OutputStream.nullOutputStream()), "");

    /** A file written by the sink. */
    record Written(String path, Sha256.Sized content) {
        ManifestFile toManifestFile() {
            return new ManifestFile(path, content.size(), content.sha256());
        }
    }

    private final IngestLimits limits;

    ArchiveExpander(IngestLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Unpacks one gzip stream (several concatenated members are one file, as {@code gunzip} does).
     *
     * @param source the compressed bytes; {@link java.io.UncheckedIOException}s from it are passed on (retryable)
     * @param compressedSize the size of the delivered object, for the expansion ratio
     * @param name the delivered file's name; the unpacked file loses its {@code .gz}
     */
    List<Written> gunzip(InputStream source, long compressedSize, String name, Sink sink) {
        String path = checkedPath(gunzippedName(name), name);
        Budget budget = new Budget(compressedSize);
        // Strict, as the conversions read a raw .gz: bytes after the gzip data refuse the delivery instead of vanishing.
        try (InputStream gzip = new StrictGzipInputStream(source)) {
            return List.of(new Written(path, sink.write(path, budget.meter(gzip))));
        } catch (StrictGzipInputStream.DamagedGzipException e) {
            throw new RejectedDeliveryException(switch (e.kind()) {
                case NOT_GZIP -> "'" + name + "' is not a gzip file: " + e.getMessage();
                case TRUNCATED -> "'" + name + "' is a truncated gzip file";
                case TRAILING_DATA, CORRUPT -> "'" + name + "' is a damaged gzip file: " + e.getMessage();
            }, e);
        } catch (ZipException e) {
            throw new RejectedDeliveryException("'" + name + "' is not a gzip file: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new RejectedDeliveryException("'" + name + "' is a truncated gzip file", e);
        } catch (IOException e) {
            throw new RejectedDeliveryException("'" + name + "' cannot be unpacked: " + e.getMessage(), e);
        }
    }

    /**
     * Unpacks every file of a zip archive, keeping the folders inside it; folder entries are skipped.
     *
     * @param source the archive's bytes; {@link java.io.UncheckedIOException}s from it are passed on (retryable)
     * @param compressedSize the size of the delivered object, for the expansion ratio
     * @param name the delivered file's name, for messages
     */
    List<Written> unzip(InputStream source, long compressedSize, String name, Sink sink) {
        Budget budget = new Budget(compressedSize);
        List<Written> written = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(source)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (++entries > limits.maxArchiveEntries()) {
                    throw new RejectedDeliveryException("'" + name + "' holds more than " + limits.maxArchiveEntries()
                            + " entries, the limit per archive (LAKE_MAX_ARCHIVE_ENTRIES)");
                }
                String path = entryPath(entry.getName(), name);
                if (path == null) {
                    continue; // a folder
                }
                if (!seen.add(path)) {
                    throw new RejectedDeliveryException("'" + name + "' holds '" + path + "' twice; each file may appear once");
                }
                // The sink must not close the archive when it is done with the entry.
                InputStream data = new FilterInputStream(budget.meter(zip)) {
                    @Override
                    public void close() {
                    }
                };
                written.add(new Written(path, sink.write(path, data)));
            }
        } catch (ZipException e) {
            throw new RejectedDeliveryException("'" + name + "' is not a readable zip archive: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new RejectedDeliveryException("'" + name + "' is a truncated zip archive", e);
        } catch (IOException e) {
            throw new RejectedDeliveryException("'" + name + "' cannot be unpacked: " + e.getMessage(), e);
        }
        if (written.isEmpty()) {
            throw new RejectedDeliveryException("'" + name + "' is not a zip archive, or holds no files");
        }
        return written;
    }

    /** {@code orders.csv.gz} becomes {@code orders.csv}; a name without {@code .gz} stays as it is. */
    static String gunzippedName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".gz") && name.length() > 3 ? name.substring(0, name.length() - 3) : name;
    }

    /**
     * The path a zip entry unpacks to, relative to the update's folder, or {@code null} for a folder
     * entry. Backslashes count as separators, since Windows tools write them and zip-slip uses them.
     *
     * @throws RejectedDeliveryException for an absolute path or one that climbs out with {@code ..}
     */
    static String entryPath(String entryName, String archive) {
        String name = entryName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("(?s)[A-Za-z]:.*")) {
            throw new RejectedDeliveryException("'" + archive + "' holds an entry with an absolute path, '" + entryName
                    + "'; entries must be relative paths");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new RejectedDeliveryException("'" + archive + "' holds an entry that climbs out of its folder, '"
                        + entryName + "' (path traversal)");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty() || name.endsWith("/")) {
            return null;
        }
        return checkedPath(String.join("/", segments), entryName);
    }

    /**
     * @throws RejectedDeliveryException when the manifest could not list the path (control characters, '..' in a name)
     */
    static String checkedPath(String path, String shown) {
        if (path.isEmpty() || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new RejectedDeliveryException("the file name '" + shown + "' is empty or holds control characters");
        }
        try {
            new ManifestFile(path, 0, "0".repeat(64));
        } catch (IllegalArgumentException e) {
            throw new RejectedDeliveryException("the file name '" + shown + "' cannot be stored: " + e.getMessage());
        }
        return path;
    }

    /** Counts unpacked bytes of one delivery against what its size allows. */
    private final class Budget {
        private final long compressedSize;
        private final long allowed;
        private long used;

        Budget(long compressedSize) {
            this.compressedSize = compressedSize;
            this.allowed = limits.allowedExpansion(compressedSize);
        }

        InputStream meter(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        add(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n > 0) {
                        add(n);
                    }
                    return n;
                }
            };
        }

        private void add(long n) {
            used += n;
            if (used > allowed) {
                if (allowed >= limits.maxExpandedBytes()) {
                    throw new RejectedDeliveryException("the delivery unpacks to more than " + allowed
                            + " bytes, the limit per delivery (LAKE_MAX_EXPANDED_BYTES)");
                }
                throw new RejectedDeliveryException("the delivery unpacks to more than " + limits.maxExpansionRatio()
                        + " times its size of " + compressedSize + " bytes (more than " + allowed
                        + " bytes), which looks like a zip bomb (LAKE_MAX_EXPANSION_RATIO)");
            }
        }
    }
}
