package io.datalake.core.dataset;

import static io.datalake.core.dataset.YamlFields.absent;
import static io.datalake.core.dataset.YamlFields.bool;
import static io.datalake.core.dataset.YamlFields.choice;
import static io.datalake.core.dataset.YamlFields.list;
import static io.datalake.core.dataset.YamlFields.mapping;
import static io.datalake.core.dataset.YamlFields.text;

import io.datalake.core.Tier;
import io.datalake.core.dataset.YamlTree.Mapping;
import io.datalake.core.dataset.YamlTree.Node;
import io.datalake.core.dataset.YamlTree.Scalar;
import io.datalake.core.dataset.YamlTree.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns the YAML tree of a dataset file into a {@link DatasetSpec}, collecting every problem on the
 * way instead of stopping at the first. The rules themselves live in the model (setters, builders,
 * {@link DatasetSpec#checkSchema}); this class only checks the shape of the YAML, feeds each value to
 * the model, and notes where each problem is. A problem that only follows from another one (a
 * field left unset because its value was bad, then reported missing) is left out.
 */
final class SpecReader {
    private final Problems problems;
    private final YamlFields fields;
    /** The schema's column names as read, {@code null} where unusable; {@code null} until a schema list is read. */
    private List<String> columnNames;
    /** The partition columns as read, {@code null} where unusable; {@code null} until a partitioning list is read. */
    private List<String> partitions;

    SpecReader(Problems problems) {
        this.problems = problems;
        this.fields = new YamlFields(problems);
    }

    /** @return the spec, or {@code null} when the file has problems (they are in {@link Problems}) */
    DatasetSpec read(Mapping root) {
        fields.checkFields(root, "", FileFields.DATASET);
        DatasetSpec.Builder spec = DatasetSpec.builder();
        fields.value(root, "", "name", n -> spec.name(text("name", n)));
        fields.value(root, "", "tier", n -> spec.tier(Tier.parse("tier", choice("tier", n))));
        fields.value(root, "", "owner", n -> spec.owner(text("owner", n)));
        fields.value(root, "", "description", n -> spec.description(text("description", n)));
        fields.value(root, "", "format", n -> format(n).ifPresent(spec::format));
        fields.value(root, "", "schema", n -> schema(n).forEach(spec::column));
        fields.value(root, "", "partitioning", this::partitioning);
        fields.value(root, "", "updateMode", n -> spec.updateMode(UpdateMode.parse("updateMode", choice("updateMode", n))));
        fields.value(root, "", "access", n -> access(n).ifPresent(spec::access));
        fields.value(root, "", "rawRetentionDays", n -> spec.rawRetentionDays(days("rawRetentionDays", n)));
        fields.value(root, "", "tags", n -> tags(n, spec));

        // Schema and partitioning are checked together only when both lists could be read: a schema
        // that is not a list says nothing about which partition columns exist.
        boolean schemaGiven = !absent(root.get("schema"));
        boolean partitioningGiven = !absent(root.get("partitioning"));
        if ((columnNames != null || !schemaGiven) && (partitions != null || !partitioningGiven)) {
            DatasetSpec.checkSchema(columnNames, partitions == null ? List.of() : partitions, problems);
        }
        if (!problems.isEmpty()) {
            return null;
        }
        if (partitions != null) {
            spec.partitioning(partitions);
        }
        // Every rule has been applied above; building re-checks them, and anything it still finds
        // is reported like the rest rather than escaping as an exception.
        DatasetSpec[] built = new DatasetSpec[1];
        fields.attempt("", () -> built[0] = spec.build());
        return built[0];
    }

    private Optional<DeliveredFormat> format(Node node) {
        Mapping format = mapping("format", node, "a mapping with type and, for csv, delimiter and header");
        fields.checkFields(format, "format", FileFields.FORMAT);
        DeliveredFormat.Builder b = DeliveredFormat.builder();
        fields.value(format, "format", "type", n -> b.type(FileType.parse("format.type", choice("format.type", n))));
        fields.value(format, "format", "delimiter", n -> b.delimiter(text("format.delimiter", n)));
        fields.value(format, "format", "header", n -> b.header(bool("format.header", n)));
        fields.value(format, "format", "compression",
                n -> b.compression(Compression.parse("format.compression", choice("format.compression", n))));
        return build("format", b::build);
    }

    /** Builds the columns that have no problem, noting every usable column name in {@link #columnNames}. */
    private List<Column> schema(Node node) {
        Sequence schema = list("schema", node, "a list of columns, each with a name and a type");
        if (schema.items().isEmpty()) {
            throw DatasetValidationException.of("schema", "schema must list at least one column, or be left out,"
                    + " but an empty list was given");
        }
        List<String> names = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < schema.items().size(); i++) {
            String path = "schema[" + i + "]";
            Node item = schema.items().get(i);
            String[] name = {null};
            fields.attempt(path, () -> {
                Mapping column = mapping(path, item, "a column: a mapping with name, type and optionally"
                        + " description and nullable");
                fields.checkFields(column, path, FileFields.COLUMN);
                Column.Builder b = Column.builder(path);
                fields.value(column, path, "name", n -> {
                    b.name(text(path + ".name", n));
                    name[0] = text(path + ".name", n);
                });
                fields.value(column, path, "type", n -> b.type(ColumnType.parse(path + ".type", choice(path + ".type", n))));
                fields.value(column, path, "description", n -> b.description(text(path + ".description", n)));
                fields.value(column, path, "nullable", n -> b.nullable(bool(path + ".nullable", n)));
                build(path, b::build).ifPresent(columns::add);
            });
            names.add(name[0]);
        }
        columnNames = names;
        return columns;
    }

    private void partitioning(Node node) {
        Sequence list = list("partitioning", node, "a list of column names from the schema");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String path = "partitioning[" + i + "]";
            Node item = list.items().get(i);
            String[] column = {null};
            fields.attempt(path, () -> column[0] = text(path, item));
            columns.add(column[0]);
        }
        partitions = columns;
    }

    private Optional<Access> access(Node node) {
        Mapping access = mapping("access", node, "a mapping with read, write and admin lists of principals");
        fields.checkFields(access, "access", FileFields.ACCESS);
        Access.Builder b = Access.builder();
        principals(access, "read", b::read);
        principals(access, "write", b::write);
        principals(access, "admin", b::admin);
        return build("access", b::build);
    }

    private void principals(Mapping access, String role, Consumer<Principal> add) {
        String field = "access." + role;
        fields.value(access, "access", role, n -> {
            Sequence list = list(field, n, "a list of role ARNs or role names");
            for (int i = 0; i < list.items().size(); i++) {
                String path = field + "[" + i + "]";
                Node item = list.items().get(i);
                fields.attempt(path, () -> add.accept(Principal.parse(path, text(path, item))));
            }
        });
    }

    private void tags(Node node, DatasetSpec.Builder spec) {
        Mapping tags = mapping("tags", node, "a mapping of tag keys to text values");
        fields.attempt("tags", () -> Tags.checkCount(tags.entries().size()));
        for (String key : tags.entries().keySet()) {
            String path = "tags." + key;
            fields.attempt(path, () -> spec.tag(key, text(path, tags.get(key))));
        }
    }



    /**
     * Builds a part, keeping only the problems that are new: a field that already had a problem
     * was left unset, and the builder would only report it again as missing.
     *
     * @return the part, or empty when the part has any problem
     */
    private <T> Optional<T> build(String field, Supplier<T> builder) {
        boolean hadProblems = problems.has(field);
        try {
            T built = builder.get();
            return hadProblems ? Optional.empty() : Optional.of(built);
        } catch (DatasetValidationException e) {
            e.problems().stream().filter(p -> !problems.has(p.field())).forEach(p -> problems.add(p.field(), p.message()));
            return Optional.empty();
        }
    }



    /** A whole number of days; the range is the model's to check, so it is named in one place. */
    private static int days(String field, Node node) {
        if (node instanceof Scalar s && s.integer() != null && s.integer().bitLength() < Integer.SIZE) {
            return s.integer().intValueExact();
        }
        throw DatasetValidationException.of(field, field + " must be a whole number of days from "
                + DatasetSpec.MIN_RETENTION_DAYS + " to " + DatasetSpec.MAX_RETENTION_DAYS + ", but "
                + node.describe() + " was given");
    }

}
