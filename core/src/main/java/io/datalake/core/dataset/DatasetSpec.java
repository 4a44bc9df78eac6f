package io.datalake.core.dataset;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.Tier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One dataset as its owner declares it: what it is, how it is delivered, who may use it. Everything
 * the lake builds for a dataset (roles, Glue tables, registry entry, ingest settings) derives from
 * this, so it is validated as a whole when built and immutable afterwards.
 *
 * <p>Usually read from a dataset file with {@link DatasetFiles#load}; built in code with
 * {@link #builder()}.
 */
public final class DatasetSpec {
    /** An owner is an e-mail address or a team id. */
    public static final Pattern OWNER = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+|[A-Za-z0-9][A-Za-z0-9._-]{1,63}");
    /** Glue's limit for a table description, where the dataset's description goes. */
    public static final int MAX_DESCRIPTION_LENGTH = 2048;
    /** Snapshots are the simpler contract for producers and readers. */
    public static final UpdateMode DEFAULT_UPDATE_MODE = UpdateMode.SNAPSHOT;
    public static final int MIN_RETENTION_DAYS = 1;
    /** Ten years: longer retention belongs in an archive, not the lake. */
    public static final int MAX_RETENTION_DAYS = 3650;

    private final String name;
    private final Tier tier;
    private final String owner;
    private final String description;
    private final DeliveredFormat format;
    private final List<Column> schema;
    private final List<String> partitioning;
    private final UpdateMode updateMode;
    private final Access access;
    private final Integer rawRetentionDays;
    private final Map<String, String> tags;

    private DatasetSpec(Builder b) {
        this.name = b.name;
        this.tier = b.tier;
        this.owner = b.owner;
        this.description = b.description;
        this.format = b.format;
        this.schema = List.copyOf(b.schema);
        this.partitioning = List.copyOf(b.partitioning);
        this.updateMode = b.updateMode;
        this.access = b.access;
        this.rawRetentionDays = b.rawRetentionDays;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rules that tie the schema and the partitioning together, shared by the builder and the
     * file reader (which applies them to the names as written, before any column is built).
     *
     * @param columns the column names in schema order, {@code null} where a name is unusable;
     *                {@code null} for no schema at all
     * @param partitioning the partition columns in order, {@code null} where one is unusable
     */
    static void checkSchema(List<String> columns, List<String> partitioning, Problems problems) {
        Map<String, Integer> firstColumn = new HashMap<>();
        if (columns != null) {
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                Integer earlier = column == null ? null : firstColumn.putIfAbsent(column, i);
                if (earlier != null) {
                    String field = "schema[" + i + "].name";
                    problems.add(field, field + " " + Messages.quote(column) + " is already the name of schema["
                            + earlier + "]; column names must be unique");
                }
            }
        }
        if (partitioning.isEmpty()) {
            return;
        }
        if (columns == null) {
            problems.add("partitioning", "partitioning needs a schema that declares its columns, but the file has"
                    + " no schema");
            return;
        }
        boolean allNamesKnown = !columns.contains(null);
        Map<String, Integer> firstPartition = new HashMap<>();
        for (int i = 0; i < partitioning.size(); i++) {
            String column = partitioning.get(i);
            if (column == null) {
                continue;
            }
            String field = "partitioning[" + i + "]";
            Integer earlier = firstPartition.putIfAbsent(column, i);
            if (earlier != null) {
                problems.add(field, field + " " + Messages.quote(column) + " is already listed as partitioning["
                        + earlier + "]; partition by each column once");
            } else if (!firstColumn.containsKey(column) && allNamesKnown) {
                String hint = Spelling.closest(column, firstColumn.keySet())
                        .map(c -> "; did you mean '" + c + "'?")
                        .orElse("; the schema has " + String.join(", ", columns));
                problems.add(field, field + " " + Messages.quote(column) + " is not a column of the schema" + hint);
            }
        }
    }

    /** The dataset's name, unique in the environment; it prefixes its objects, roles and tables. */
    public String name() {
        return name;
    }

    public Tier tier() {
        return tier;
    }

    /** The e-mail address or team id that answers for the dataset. */
    public String owner() {
        return owner;
    }

    /** What the dataset holds; becomes the Glue table description. */
    public String description() {
        return description;
    }

    public DeliveredFormat format() {
        return format;
    }

    /** The columns, in order; empty when the file declares no schema (the data then stays untyped). */
    public List<Column> schema() {
        return schema;
    }

    public boolean hasSchema() {
        return !schema.isEmpty();
    }

    /** The schema's columns the data is partitioned by, in order; empty when not partitioned. */
    public List<String> partitioning() {
        return partitioning;
    }

    /** @default {@link #DEFAULT_UPDATE_MODE} */
    public UpdateMode updateMode() {
        return updateMode;
    }

    /** @default {@link Access#none()} */
    public Access access() {
        return access;
    }

    /** How many days delivered files are kept under {@code raw/}; empty to keep them as long as the data. */
    public OptionalInt rawRetentionDays() {
        return rawRetentionDays == null ? OptionalInt.empty() : OptionalInt.of(rawRetentionDays);
    }

    /** Tags for every AWS resource of the dataset, in file order. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSpec other && name.equals(other.name) && tier == other.tier
                && owner.equals(other.owner) && description.equals(other.description)
                && format.equals(other.format) && schema.equals(other.schema)
                && partitioning.equals(other.partitioning) && updateMode == other.updateMode
                && access.equals(other.access) && Objects.equals(rawRetentionDays, other.rawRetentionDays)
                && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tier, owner, description, format, schema, partitioning, updateMode, access,
                rawRetentionDays, tags);
    }

    @Override
    public String toString() {
        return name + " (" + tier.id() + ", " + format + ", " + schema.size() + " columns, owner " + owner + ")";
    }

    /**
     * Builds a {@link DatasetSpec}. Each setter rejects a bad value at once; {@link #build()}
     * reports every missing field and every schema mistake together.
     */
    public static final class Builder {
        private String name;
        private Tier tier;
        private String owner;
        private String description;
        private DeliveredFormat format;
        private final List<Column> schema = new ArrayList<>();
        private final List<String> partitioning = new ArrayList<>();
        private UpdateMode updateMode = DEFAULT_UPDATE_MODE;
        private Access access = Access.none();
        private Integer rawRetentionDays;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {
        }

        /** Lowercase, 3 to 63 characters: see {@link DatasetLayout#NAME}. */
        public Builder name(String name) {
            try {
                this.name = DatasetLayout.checkName(name);
            } catch (LakeConfigException e) {
                throw DatasetValidationException.of("name", e.getMessage());
            }
            return this;
        }

        public Builder tier(Tier tier) {
            if (tier == null) {
                throw DatasetValidationException.of("tier", "tier must be one of " + Tier.allowed()
                        + ", but nothing was given");
            }
            this.tier = tier;
            return this;
        }

        /** An e-mail address or a team id. */
        public Builder owner(String owner) {
            if (owner == null || !OWNER.matcher(owner).matches()) {
                throw DatasetValidationException.of("owner", "owner must be an e-mail address or a team id"
                        + " (2 to 64 letters, digits, '.', '_' or '-'), but " + Messages.quote(owner) + " was given");
            }
            this.owner = owner;
            return this;
        }

        /** What the dataset holds, for the people who will query it: 1 to 2048 characters. */
        public Builder description(String description) {
            if (description == null || description.isBlank()) {
                throw DatasetValidationException.of("description", "description must say what the dataset holds"
                        + " (1 to " + MAX_DESCRIPTION_LENGTH + " characters), but nothing was given");
            }
            String text = description.strip();
            if (text.length() > MAX_DESCRIPTION_LENGTH) {
                throw DatasetValidationException.of("description", "description must be at most "
                        + MAX_DESCRIPTION_LENGTH + " characters (Glue's limit for a table description), but "
                        + text.length() + " were given");
            }
            this.description = text;
            return this;
        }

        public Builder format(DeliveredFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Replaces the schema. @default none */
        public Builder schema(List<Column> columns) {
            schema.clear();
            columns.forEach(this::column);
            return this;
        }

        /** Adds a column to the schema. */
        public Builder column(Column column) {
            schema.add(Objects.requireNonNull(column, "column"));
            return this;
        }

        /** Replaces the partition columns, each a column of the schema. @default none */
        public Builder partitioning(List<String> columns) {
            partitioning.clear();
            columns.forEach(c -> partitioning.add(Objects.requireNonNull(c, "partition column")));
            return this;
        }

        /** @default {@link #DEFAULT_UPDATE_MODE} */
        public Builder updateMode(UpdateMode updateMode) {
            this.updateMode = Objects.requireNonNull(updateMode, "updateMode");
            return this;
        }

        /** @default {@link Access#none()} */
        public Builder access(Access access) {
            this.access = Objects.requireNonNull(access, "access");
            return this;
        }

        /** @default unset: raw files are kept as long as the data */
        public Builder rawRetentionDays(int days) {
            if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
                throw DatasetValidationException.of("rawRetentionDays", "rawRetentionDays must be from "
                        + MIN_RETENTION_DAYS + " to " + MAX_RETENTION_DAYS + " days, but " + days + " was given");
            }
            this.rawRetentionDays = days;
            return this;
        }

        /** Adds a tag, checked against AWS's tag rules (see {@link Tags}). */
        public Builder tag(String key, String value) {
            Tags.check(key, value);
            tags.put(key, value);
            return this;
        }

        /** Adds the tags, in the map's order. */
        public Builder tags(Map<String, String> tags) {
            tags.forEach(this::tag);
            return this;
        }

        /**
         * @throws DatasetValidationException listing every missing required field (name, tier,
         *         owner, description, format), duplicate column, and partition column that is not
         *         in the schema
         */
        public DatasetSpec build() {
            Problems problems = new Problems();
            if (name == null) {
                problems.add("name", FileFields.missing("", FileFields.DATASET, "name"));
            }
            if (tier == null) {
                problems.add("tier", FileFields.missing("", FileFields.DATASET, "tier"));
            }
            if (owner == null) {
                problems.add("owner", FileFields.missing("", FileFields.DATASET, "owner"));
            }
            if (description == null) {
                problems.add("description", FileFields.missing("", FileFields.DATASET, "description"));
            }
            if (format == null) {
                problems.add("format", FileFields.missing("", FileFields.DATASET, "format"));
            }
            List<String> columns = schema.isEmpty() ? null : schema.stream().map(Column::name).collect(Collectors.toList());
            checkSchema(columns, partitioning, problems);
            try {
                Tags.checkCount(tags.size());
            } catch (DatasetValidationException e) {
                problems.addAll(e);
            }
            problems.throwIfAny();
            return new DatasetSpec(this);
        }
    }
}
