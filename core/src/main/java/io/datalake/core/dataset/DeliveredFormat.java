package io.datalake.core.dataset;

import java.util.Objects;

/**
 * How producers deliver a dataset's files: their type, the CSV dialect, and the compression ingest
 * must undo before converting them to Parquet.
 */
public final class DeliveredFormat {
    /** The CSV delimiter unless the file says otherwise. */
    public static final char DEFAULT_DELIMITER = ',';
    /** Whether CSV files start with a header row unless the file says otherwise. */
    public static final boolean DEFAULT_HEADER = true;
    /** Files are not compressed unless the file says otherwise. */
    public static final Compression DEFAULT_COMPRESSION = Compression.NONE;

    private final FileType type;
    private final char delimiter;
    private final boolean header;
    private final Compression compression;

    private DeliveredFormat(Builder b) {
        this.type = b.type;
        this.delimiter = b.delimiter == null ? DEFAULT_DELIMITER : b.delimiter;
        this.header = b.header == null ? DEFAULT_HEADER : b.header;
        this.compression = b.compression;
    }

    /** Files of that type with every default. */
    public static DeliveredFormat of(FileType type) {
        return builder().type(type).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public FileType type() {
        return type;
    }

    /** The CSV field delimiter; only meaningful for {@link FileType#CSV}. @default {@link #DEFAULT_DELIMITER} */
    public char delimiter() {
        return delimiter;
    }

    /** Whether CSV files start with a header row; only meaningful for CSV. @default {@link #DEFAULT_HEADER} */
    public boolean header() {
        return header;
    }

    /** @default {@link #DEFAULT_COMPRESSION} */
    public Compression compression() {
        return compression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveredFormat other && type == other.type && delimiter == other.delimiter
                && header == other.header && compression == other.compression;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, delimiter, header, compression);
    }

    @Override
    public String toString() {
        String csv = type == FileType.CSV ? " delimiter " + Messages.quote(String.valueOf(delimiter))
                + (header ? " with header" : " without header") : "";
        return type.id() + csv + (compression == Compression.NONE ? "" : ", " + compression.id());
    }

    /** Builds a {@link DeliveredFormat}; the type is required. */
    public static final class Builder {
        private FileType type;
        private Character delimiter;
        private Boolean header;
        private Compression compression = DEFAULT_COMPRESSION;

        private Builder() {
        }

        public Builder type(FileType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * CSV only. A tab is allowed; a quote, a line break or another control character is not,
         * because a CSV reader could not tell fields apart.
         *
         * @default {@link #DEFAULT_DELIMITER}
         */
        public Builder delimiter(char delimiter) {
            if (delimiter == '"' || (delimiter != '\t' && Character.isISOControl(delimiter))
                    || Character.isSurrogate(delimiter)) {
                throw badDelimiter(String.valueOf(delimiter));
            }
            this.delimiter = delimiter;
            return this;
        }

        /** The delimiter as text, as a file gives it: exactly one character. */
        public Builder delimiter(String delimiter) {
            if (delimiter == null || delimiter.length() != 1) {
                throw badDelimiter(delimiter);
            }
            return delimiter(delimiter.charAt(0));
        }

        private static DatasetValidationException badDelimiter(String given) {
            return DatasetValidationException.of("format.delimiter", "format.delimiter must be a single character"
                    + " (a tab is fine; not '\"', a line break or another control character), but "
                    + Messages.quote(given) + " was given");
        }

        /** CSV only. @default {@link #DEFAULT_HEADER} */
        public Builder header(boolean header) {
            this.header = header;
            return this;
        }

        /** @default {@link #DEFAULT_COMPRESSION} */
        public Builder compression(Compression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * @throws DatasetValidationException when the type is missing, or CSV options are set for
         *         another type (they would be silently ignored, which hides a wrong type)
         */
        public DeliveredFormat build() {
            Problems problems = new Problems();
            if (type == null) {
                problems.add("format.type", FileFields.missing("format", FileFields.FORMAT, "type"));
            } else if (type != FileType.CSV) {
                if (delimiter != null) {
                    problems.add("format.delimiter", "format.delimiter applies only to csv files, but format.type is "
                            + type.id() + "; remove it");
                }
                if (header != null) {
                    problems.add("format.header", "format.header applies only to csv files, but format.type is "
                            + type.id() + "; remove it");
                }
            }
            problems.throwIfAny();
            return new DeliveredFormat(this);
        }
    }
}
