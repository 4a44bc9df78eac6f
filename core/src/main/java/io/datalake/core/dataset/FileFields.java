package io.datalake.core.dataset;

import io.datalake.core.Tier;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fields a dataset file may hold at each level, and a hint for each required one. The reader
 * uses it to name unknown and missing fields, the builders to name missing ones, so both speak of
 * the same fields in the same words. The JSON Schema mirrors it; a test keeps the two in step.
 * {@link Field} and the path helpers are public for other YAML files read through {@link YamlFields}.
 */
public final class FileFields {
    /** A field of one level; {@code hint} says what a required field holds, {@code null} when optional. */
    public record Field(String name, String hint) {
        /** An optional field. */
        public static Field optional(String name) {
            return new Field(name, null);
        }

        /** A required field and what it holds, for the "missing required field" message. */
        public static Field required(String name, String hint) {
            return new Field(name, java.util.Objects.requireNonNull(hint, "hint"));
        }

        public boolean required() {
            return hint != null;
        }
    }

    static final List<Field> DATASET = List.of(
            new Field("name", "the dataset's name, e.g. sales_orders"),
            new Field("tier", Tier.allowed()),
            new Field("owner", "an e-mail address or team id"),
            new Field("description", "what the dataset holds"),
            new Field("format", "how files are delivered, e.g. type: csv"),
            new Field("schema", null),
            new Field("partitioning", null),
            new Field("updateMode", null),
            new Field("access", null),
            new Field("rawRetentionDays", null),
            new Field("tags", null));

    static final List<Field> FORMAT = List.of(
            new Field("type", FileType.allowed()),
            new Field("delimiter", null),
            new Field("header", null),
            new Field("compression", null));

    static final List<Field> COLUMN = List.of(
            new Field("name", "a column name such as order_id"),
            new Field("type", ColumnType.ALLOWED),
            new Field("description", null),
            new Field("nullable", null));

    static final List<Field> ACCESS = List.of(
            new Field("read", null),
            new Field("write", null),
            new Field("admin", null));

    private FileFields() {
    }

    public static List<String> names(List<Field> level) {
        return level.stream().map(Field::name).collect(Collectors.toList());
    }

    /** {@code missing required field 'format.type' (csv, json, parquet)}. */
    public static String missing(String path, List<Field> level, String name) {
        String hint = level.stream().filter(f -> f.name().equals(name)).findFirst()
                .map(Field::hint).orElseThrow(() -> new IllegalArgumentException(name + " is not a required field"));
        return "missing required field '" + path(path, name) + "' (" + hint + ")";
    }

    /** A child's path: {@code format} + {@code type} = {@code format.type}; at the top, the name alone. */
    public static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}
