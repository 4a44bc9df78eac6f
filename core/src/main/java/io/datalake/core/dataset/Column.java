package io.datalake.core.dataset;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One column of a dataset's schema. The name rule is the intersection of what Glue, Athena, Parquet
 * and DuckDB accept without quoting, so a column keeps its name everywhere it goes.
 */
public final class Column {
    /** What a column name may be: lowercase letters, digits and {@code _}, not starting with a digit. */
    public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Glue's limit for a column name. */
    public static final int MAX_NAME_LENGTH = 255;
    /** Glue's limit for a column comment, where the description goes. */
    public static final int MAX_DESCRIPTION_LENGTH = 255;
    /** Columns are nullable unless the file says otherwise: delivered data is rarely complete. */
    public static final boolean DEFAULT_NULLABLE = true;

    private final String name;
    private final ColumnType type;
    private final String description;
    private final boolean nullable;

    private Column(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.description = b.description;
        this.nullable = b.nullable;
    }

    /** A nullable column without description. */
    public static Column of(String name, ColumnType type) {
        return builder().name(name).type(type).build();
    }

    public static Builder builder() {
        return new Builder("column");
    }

    /** A builder whose messages name the column by its place in a file, e.g. {@code schema[2]}. */
    static Builder builder(String path) {
        return new Builder(path);
    }

    /**
     * Checks a column name.
     *
     * @param field the field the name came from, for the message
     * @throws DatasetValidationException naming the field, the name and the rule
     */
    public static String checkName(String field, String name) {
        if (name == null || name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw DatasetValidationException.of(field, field + " must match " + NAME.pattern()
                    + " (lowercase letters, digits and '_', not starting with a digit, at most " + MAX_NAME_LENGTH
                    + " characters), but " + Messages.quote(name) + " was given");
        }
        return name;
    }

    public String name() {
        return name;
    }

    public ColumnType type() {
        return type;
    }

    /** What the column holds; becomes the Glue column comment. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** @default {@link #DEFAULT_NULLABLE} */
    public boolean nullable() {
        return nullable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Column other && name.equals(other.name) && type.equals(other.type)
                && Objects.equals(description, other.description) && nullable == other.nullable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, description, nullable);
    }

    @Override
    public String toString() {
        return name + " " + type + (nullable ? "" : " not null");
    }

    /** Builds a {@link Column}; name and type are required. */
    public static final class Builder {
        private final String path;
        private String name;
        private ColumnType type;
        private String description;
        private boolean nullable = DEFAULT_NULLABLE;

        private Builder(String path) {
            this.path = path;
        }

        public Builder name(String name) {
            this.name = checkName(path + ".name", name);
            return this;
        }

        public Builder type(ColumnType type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /** @default none */
        public Builder description(String description) {
            if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
                String field = path + ".description";
                throw DatasetValidationException.of(field, field + " must be at most " + MAX_DESCRIPTION_LENGTH
                        + " characters (Glue's limit for a column comment), but " + description.length()
                        + " were given");
            }
            this.description = description == null || description.isBlank() ? null : description.strip();
            return this;
        }

        /** @default {@link #DEFAULT_NULLABLE} */
        public Builder nullable(boolean nullable) {
            this.nullable = nullable;
            return this;
        }

        /** @throws DatasetValidationException naming each required field that is missing */
        public Column build() {
            Problems missing = new Problems();
            if (name == null) {
                missing.add(path + ".name", FileFields.missing(path, FileFields.COLUMN, "name"));
            }
            if (type == null) {
                missing.add(path + ".type", FileFields.missing(path, FileFields.COLUMN, "type"));
            }
            missing.throwIfAny();
            return new Column(this);
        }
    }
}
