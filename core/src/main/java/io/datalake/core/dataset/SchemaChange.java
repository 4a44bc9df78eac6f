package io.datalake.core.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a dataset's new file changes what its deployed version promised its readers. Every update
 * stays under one Glue table and downstream pipelines read old and new updates alike, so only a
 * change every old update still satisfies is compatible: a nullable column added at the end, a type
 * widened so old values read the same (int to bigint, float to double, a decimal's precision up
 * with the same scale). Everything else is breaking, relaxed nullability included: a pipeline that
 * declared a derived column {@code nullable: false} would start failing.
 */
public final class SchemaChange {
    /** A kind of change, and whether readers of the old updates are unaffected by it. */
    public enum Kind {
        NULLABLE_COLUMN_ADDED(true),
        TYPE_WIDENED(true),
        REQUIRED_COLUMN_ADDED(false),
        COLUMN_REMOVED(false),
        COLUMN_RENAMED(false),
        COLUMN_MOVED(false),
        TYPE_CHANGED(false),
        NULLABILITY_TIGHTENED(false),
        NULLABILITY_RELAXED(false),
        PARTITIONING_CHANGED(false),
        SCHEMA_ADDED(false),
        SCHEMA_REMOVED(false),
        FORMAT_CHANGED(false),
        TIER_CHANGED(false);

        private final boolean compatible;

        Kind(boolean compatible) {
            this.compatible = compatible;
        }

        public boolean compatible() {
            return compatible;
        }
    }

    /**
     * One change.
     *
     * @param field where the new file shows it, e.g. {@code schema[3].type}; {@code schema} for a removed column
     * @param message what changed, naming the column and both values
     */
    public record Change(Kind kind, String field, String message) {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }

        public boolean compatible() {
            return kind.compatible();
        }
    }

    private final List<Change> changes;

    private SchemaChange(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    /** Classifies the change from the deployed spec to the new one; both name the same dataset. */
    public static SchemaChange between(DatasetSpec deployed, DatasetSpec proposed) {
        List<Change> changes = new ArrayList<>();
        if (deployed.tier() != proposed.tier()) {
            changes.add(new Change(Kind.TIER_CHANGED, "tier", "tier changed from " + deployed.tier().id() + " to "
                    + proposed.tier().id() + "; its updates stay in the " + deployed.tier().id() + " bucket"));
        }
        if (deployed.format().type() != proposed.format().type() || deployed.format().delimiter() != proposed.format().delimiter()
                || deployed.format().header() != proposed.format().header()) {
            changes.add(new Change(Kind.FORMAT_CHANGED, "format", "format changed from " + deployed.format() + " to "
                    + proposed.format() + "; the raw table would misread the raw files already delivered"));
        }
        if (deployed.hasSchema() != proposed.hasSchema()) {
            changes.add(deployed.hasSchema()
                    ? new Change(Kind.SCHEMA_REMOVED, "schema", "schema removed; its complete updates have typed Parquet data")
                    : new Change(Kind.SCHEMA_ADDED, "schema", "schema added; the updates already delivered have no Parquet data"));
        } else {
            columns(deployed.schema(), proposed.schema(), changes);
        }
        if (!deployed.partitioning().equals(proposed.partitioning())) {
            changes.add(new Change(Kind.PARTITIONING_CHANGED, "partitioning", "partitioning changed from "
                    + deployed.partitioning() + " to " + proposed.partitioning()
                    + "; the table's partition columns and the layout of old updates would disagree"));
        }
        return new SchemaChange(changes);
    }

    private static void columns(List<Column> before, List<Column> after, List<Change> changes) {
        Map<String, Integer> oldIndex = index(before);
        Map<String, Integer> newIndex = index(after);
        List<String> common = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            Column column = after.get(i);
            Integer was = oldIndex.get(column.name());
            String field = "schema[" + i + "]";
            if (was == null) {
                Column renamedFrom = i < before.size() && !newIndex.containsKey(before.get(i).name())
                        && before.get(i).type().equals(column.type()) ? before.get(i) : null;
                if (renamedFrom != null) {
                    changes.add(new Change(Kind.COLUMN_RENAMED, field + ".name", "column '" + renamedFrom.name()
                            + "' renamed to '" + column.name() + "'"));
                } else if (column.nullable() && i >= before.size()) {
                    changes.add(new Change(Kind.NULLABLE_COLUMN_ADDED, field, "nullable column '" + column.name()
                            + "' (" + column.type() + ") added"));
                } else if (column.nullable()) {
                    changes.add(new Change(Kind.COLUMN_MOVED, field, "nullable column '" + column.name()
                            + "' added before existing columns; add it at the end (headerless CSV and SELECT * read by position)"));
                } else {
                    changes.add(new Change(Kind.REQUIRED_COLUMN_ADDED, field + ".nullable", "column '" + column.name()
                            + "' added with nullable: false; the updates already delivered have no value for it"));
                }
                continue;
            }
            common.add(column.name());
            Column old = before.get(was);
            if (!old.type().equals(column.type())) {
                boolean wider = widens(old.type(), column.type());
                String how = wider ? "widened" : widens(column.type(), old.type()) ? "narrowed" : "changed";
                changes.add(new Change(wider ? Kind.TYPE_WIDENED : Kind.TYPE_CHANGED, field + ".type", "column '"
                        + column.name() + "' type " + how + " from " + old.type() + " to " + column.type()));
            }
            if (old.nullable() && !column.nullable()) {
                changes.add(new Change(Kind.NULLABILITY_TIGHTENED, field + ".nullable", "column '" + column.name()
                        + "' made nullable: false; updates already delivered may hold nulls in it"));
            } else if (!old.nullable() && column.nullable()) {
                changes.add(new Change(Kind.NULLABILITY_RELAXED, field + ".nullable", "column '" + column.name()
                        + "' made nullable; readers relying on it never being null would break"));
            }
        }
        for (Column old : before) {
            boolean renamed = changes.stream().anyMatch(c -> c.kind() == Kind.COLUMN_RENAMED
                    && c.message().startsWith("column '" + old.name() + "' renamed"));
            if (!newIndex.containsKey(old.name()) && !renamed) {
                changes.add(new Change(Kind.COLUMN_REMOVED, "schema", "column '" + old.name() + "' (" + old.type()
                        + ") removed"));
            }
        }
        List<String> oldOrder = before.stream().map(Column::name).filter(common::contains).toList();
        if (!oldOrder.equals(common)) {
            changes.add(new Change(Kind.COLUMN_MOVED, "schema", "columns reordered from " + oldOrder + " to " + common
                    + " (headerless CSV and SELECT * read by position)"));
        }
    }

    /** Whether every value of {@code from} reads unchanged as {@code to}. */
    static boolean widens(ColumnType from, ColumnType to) {
        ColumnType.Kind a = from.kind();
        ColumnType.Kind b = to.kind();
        if (a == ColumnType.Kind.INT && b == ColumnType.Kind.BIGINT || a == ColumnType.Kind.FLOAT && b == ColumnType.Kind.DOUBLE) {
            return true;
        }
        return a == ColumnType.Kind.DECIMAL && b == ColumnType.Kind.DECIMAL && to.scale() == from.scale()
                && to.precision() > from.precision();
    }

    private static Map<String, Integer> index(List<Column> columns) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i).name(), i);
        }
        return index;
    }

    /** Every change, in the order of the new file. */
    public List<Change> changes() {
        return changes;
    }

    /** The changes that would break readers of the deployed updates. */
    public List<Change> breaking() {
        return changes.stream().filter(c -> !c.compatible()).toList();
    }

    public boolean isBreaking() {
        return !breaking().isEmpty();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
