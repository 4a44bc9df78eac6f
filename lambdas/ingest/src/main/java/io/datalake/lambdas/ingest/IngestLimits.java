package io.datalake.lambdas.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * How much a delivery may make the ingest service do: the size and shape of archives it unpacks,
 * and how it splits large copies and uploads into parts. Every value has a default suited to a
 * Lambda function with 1 GiB of memory and a 15-minute timeout; each can be set through an
 * environment variable ({@link #fromEnvironment}).
 */
public final class IngestLimits {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** Unpacked bytes one delivery may produce, over all files of an archive: 10 GiB. */
    public static final long DEFAULT_MAX_EXPANDED_BYTES = 10 * GIB;
    /** How many times its own size an archive may expand to: 100. Text rarely compresses beyond 20x; zip bombs reach 1000x and more. */
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 100;
    /** Unpacked bytes allowed whatever the ratio, so a tiny archive of repetitive text is not refused: 1 MiB. */
    public static final long RATIO_GRACE_BYTES = MIB;
    /** Files one zip archive may hold: 10,000. */
    public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 10_000;
    /** Above this size a plain file is copied in parts (UploadPartCopy): 5 GiB, the most CopyObject accepts. */
    public static final long DEFAULT_MULTIPART_COPY_THRESHOLD = 5 * GIB;
    /** The part size of a multipart copy: 512 MiB (grown when the object would need more than 10,000 parts). */
    public static final long DEFAULT_COPY_PART_SIZE = 512 * MIB;
    /** The part size of an unpacked file's upload, and the memory buffer it takes: 16 MiB. */
    public static final int DEFAULT_UPLOAD_PART_SIZE = (int) (16 * MIB);
    /** The smallest part S3 accepts, except for the last one. */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** The largest part (and the largest single CopyObject) S3 accepts. */
    public static final long MAX_PART_SIZE = 5 * GIB;

    private final long maxExpandedBytes;
    private final int maxExpansionRatio;
    private final int maxArchiveEntries;
    private final long multipartCopyThreshold;
    private final long copyPartSize;
    private final int uploadPartSize;

    private IngestLimits(Builder b) {
        this.maxExpandedBytes = b.maxExpandedBytes;
        this.maxExpansionRatio = b.maxExpansionRatio;
        this.maxArchiveEntries = b.maxArchiveEntries;
        this.multipartCopyThreshold = b.multipartCopyThreshold;
        this.copyPartSize = b.copyPartSize;
        this.uploadPartSize = b.uploadPartSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every default. */
    public static IngestLimits defaults() {
        return builder().build();
    }

    /**
     * Limits from environment variables, each optional: {@code LAKE_MAX_EXPANDED_BYTES},
     * {@code LAKE_MAX_EXPANSION_RATIO}, {@code LAKE_MAX_ARCHIVE_ENTRIES},
     * {@code LAKE_MULTIPART_COPY_THRESHOLD}, {@code LAKE_COPY_PART_SIZE}, {@code LAKE_UPLOAD_PART_SIZE}.
     *
     * @throws IllegalArgumentException naming the variable when a value is not a number or out of range
     */
    public static IngestLimits fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        set(env, "LAKE_MAX_EXPANDED_BYTES", b, (x, v) -> x.maxExpandedBytes(v));
        set(env, "LAKE_MAX_EXPANSION_RATIO", b, (x, v) -> x.maxExpansionRatio(Math.toIntExact(v)));
        set(env, "LAKE_MAX_ARCHIVE_ENTRIES", b, (x, v) -> x.maxArchiveEntries(Math.toIntExact(v)));
        set(env, "LAKE_MULTIPART_COPY_THRESHOLD", b, (x, v) -> x.multipartCopyThreshold(v));
        set(env, "LAKE_COPY_PART_SIZE", b, (x, v) -> x.copyPartSize(v));
        set(env, "LAKE_UPLOAD_PART_SIZE", b, (x, v) -> x.uploadPartSize(Math.toIntExact(v)));
        return b.build();
    }

    private static void set(Map<String, String> env, String name, Builder b, BiConsumer<Builder, Long> setter) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, but '" + text + "' was given");
        }
        try {
            setter.accept(b, value);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " is too large: " + text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    /** @default {@link #DEFAULT_MAX_EXPANDED_BYTES} */
    public long maxExpandedBytes() {
        return maxExpandedBytes;
    }

    /** @default {@link #DEFAULT_MAX_EXPANSION_RATIO} */
    public int maxExpansionRatio() {
        return maxExpansionRatio;
    }

    /** @default {@link #DEFAULT_MAX_ARCHIVE_ENTRIES} */
    public int maxArchiveEntries() {
        return maxArchiveEntries;
    }

    /** @default {@link #DEFAULT_MULTIPART_COPY_THRESHOLD} */
    public long multipartCopyThreshold() {
        return multipartCopyThreshold;
    }

    /** @default {@link #DEFAULT_COPY_PART_SIZE} */
    public long copyPartSize() {
        return copyPartSize;
    }

    /** @default {@link #DEFAULT_UPLOAD_PART_SIZE} */
    public int uploadPartSize() {
        return uploadPartSize;
    }

    /**
     * The most bytes an archive of {@code compressedSize} bytes may unpack to: its size times the
     * ratio (at least {@link #RATIO_GRACE_BYTES}), and never more than {@link #maxExpandedBytes()}.
     */
    public long allowedExpansion(long compressedSize) {
        long byRatio = compressedSize > Long.MAX_VALUE / maxExpansionRatio ? Long.MAX_VALUE : compressedSize * maxExpansionRatio;
        return Math.min(maxExpandedBytes, Math.max(byRatio, RATIO_GRACE_BYTES));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "maxExpandedBytes=%d maxExpansionRatio=%d maxArchiveEntries=%d"
                + " multipartCopyThreshold=%d copyPartSize=%d uploadPartSize=%d", maxExpandedBytes, maxExpansionRatio,
                maxArchiveEntries, multipartCopyThreshold, copyPartSize, uploadPartSize);
    }

    /** Builds {@link IngestLimits}; every value is optional and checked when set. */
    public static final class Builder {
        private long maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES;
        private int maxExpansionRatio = DEFAULT_MAX_EXPANSION_RATIO;
        private int maxArchiveEntries = DEFAULT_MAX_ARCHIVE_ENTRIES;
        private long multipartCopyThreshold = DEFAULT_MULTIPART_COPY_THRESHOLD;
        private long copyPartSize = DEFAULT_COPY_PART_SIZE;
        private int uploadPartSize = DEFAULT_UPLOAD_PART_SIZE;

        private Builder() {
        }

        /** @default {@link IngestLimits#DEFAULT_MAX_EXPANDED_BYTES} */
        public Builder maxExpandedBytes(long bytes) {
            this.maxExpandedBytes = atLeast("maxExpandedBytes", bytes, 1);
            return this;
        }

        /** @default {@link IngestLimits#DEFAULT_MAX_EXPANSION_RATIO} */
        public Builder maxExpansionRatio(int ratio) {
            this.maxExpansionRatio = (int) atLeast("maxExpansionRatio", ratio, 1);
            return this;
        }

        /** @default {@link IngestLimits#DEFAULT_MAX_ARCHIVE_ENTRIES} */
        public Builder maxArchiveEntries(int entries) {
            this.maxArchiveEntries = (int) atLeast("maxArchiveEntries", entries, 1);
            return this;
        }

        /** Between 1 byte and 5 GiB. @default {@link IngestLimits#DEFAULT_MULTIPART_COPY_THRESHOLD} */
        public Builder multipartCopyThreshold(long bytes) {
            this.multipartCopyThreshold = between("multipartCopyThreshold", bytes, 1, MAX_PART_SIZE);
            return this;
        }

        /** Between 5 MiB and 5 GiB, S3's part limits. @default {@link IngestLimits#DEFAULT_COPY_PART_SIZE} */
        public Builder copyPartSize(long bytes) {
            this.copyPartSize = between("copyPartSize", bytes, MIN_PART_SIZE, MAX_PART_SIZE);
            return this;
        }

        /** Between 5 MiB and 1 GiB: it is held in memory. @default {@link IngestLimits#DEFAULT_UPLOAD_PART_SIZE} */
        public Builder uploadPartSize(int bytes) {
            this.uploadPartSize = (int) between("uploadPartSize", bytes, MIN_PART_SIZE, GIB);
            return this;
        }

        public IngestLimits build() {
            return new IngestLimits(this);
        }

        private static long atLeast(String field, long value, long min) {
            if (value < min) {
                throw new IllegalArgumentException(field + " must be at least " + min + ", but " + value + " was given");
            }
            return value;
        }

        private static long between(String field, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " bytes, but "
                        + value + " was given");
            }
            return value;
        }
    }
}
