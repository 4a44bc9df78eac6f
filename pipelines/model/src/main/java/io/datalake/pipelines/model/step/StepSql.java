package io.datalake.pipelines.model.step;

import io.datalake.core.LakeConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compiles a step into the one Spark SQL query that defines its view. Declarative steps become
 * plain SQL, so what runs on Glue, EMR and locally is the same text, and a test can run it.
 * Identifiers are quoted with backticks, so a column named like a keyword ({@code date}) works.
 */
public final class StepSql {
    /** The helper column deduplication ranks rows in; a name no dataset column can have (it starts with two underscores). */
    static final String RANK = "__lake_row";

    private StepSql() {
    }

    /**
     * The query of a step.
     *
     * @param schemas the columns of the views that exist before the step
     * @throws LakeConfigException when the step names a column its views do not have, naming the
     *         step, the column and the columns there are
     */
    public static String compile(Step step, ViewSchemas schemas) {
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (step instanceof SqlStep sql) {
            return sql.sql();
        } else if (step instanceof DeduplicateStep d) {
            return deduplicate(d, schemas);
        } else if (step instanceof SortStep s) {
            return sort(s, schemas);
        } else if (step instanceof JoinStep j) {
            return join(j, schemas);
        } else if (step instanceof LookupStep l) {
            return lookup(l, schemas);
        } else if (step instanceof MaskStep m) {
            return mask(m, schemas);
        } else if (step instanceof AggregateStep a) {
            return aggregate(a, schemas);
        }
        throw new IllegalStateException("unknown step " + step);
    }

    private static String deduplicate(DeduplicateStep step, ViewSchemas schemas) {
        List<String> columns = names(schemas.columns(step.from()));
        require(step, step.from(), columns, step.keys());
        require(step, step.from(), columns, step.orderBy());
        // Nulls never win: they sort last in both directions.
        String order = step.orderBy().stream()
                .map(c -> quote(c) + (step.keep().largest() ? " DESC" : " ASC") + " NULLS LAST")
                .collect(Collectors.joining(", "));
        return "SELECT " + list(columns) + " FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY " + list(step.keys())
                + " ORDER BY " + order + ") AS " + quote(RANK) + " FROM " + quote(step.from()) + ") WHERE "
                + quote(RANK) + " = 1";
    }

    private static String sort(SortStep step, ViewSchemas schemas) {
        List<String> columns = names(schemas.columns(step.from()));
        require(step, step.from(), columns, step.orderBy().stream().map(SortKey::column).toList());
        String nulls = step.nulls().map(n -> " NULLS " + n.id().toUpperCase(java.util.Locale.ROOT)).orElse("");
        return "SELECT * FROM " + quote(step.from()) + " ORDER BY " + step.orderBy().stream()
                .map(k -> quote(k.column()) + (k.descending() ? " DESC" : " ASC") + nulls)
                .collect(Collectors.joining(", "));
    }

    private static String join(JoinStep step, ViewSchemas schemas) {
        List<String> left = names(schemas.columns(step.left()));
        List<String> right = names(schemas.columns(step.right()));
        String l = quote(step.left());
        String r = quote(step.right());
        List<String> select = new ArrayList<>();
        if (!step.select().isEmpty()) {
            select.addAll(step.select());
        } else if (step.type().leftOnly()) {
            // Listed, not l.*: after USING, Spark would move the key columns to the front.
            left.forEach(c -> select.add(l + "." + quote(c)));
        } else if (!step.using().isEmpty()) {
            require(step, step.left(), left, step.using());
            require(step, step.right(), right, step.using());
            // Unqualified, a USING column is the merged key (coalesced in a full join).
            step.using().forEach(c -> select.add(quote(c)));
            left.stream().filter(c -> !step.using().contains(c)).forEach(c -> select.add(l + "." + quote(c)));
            right.stream().filter(c -> !left.contains(c)).forEach(c -> select.add(r + "." + quote(c)));
        } else {
            select.add(l + ".*");
            right.stream().filter(c -> !left.contains(c)).forEach(c -> select.add(r + "." + quote(c)));
        }
        String condition = step.on().map(on -> " ON (" + on + ")").orElseGet(() -> " USING (" + list(step.using()) + ")");
        return "SELECT " + String.join(", ", select) + " FROM " + l + " " + step.type().sql() + " " + r + condition;
    }

    private static String lookup(LookupStep step, ViewSchemas schemas) {
        List<String> from = names(schemas.columns(step.from()));
        List<String> reference = names(schemas.columns(step.reference()));
        require(step, step.from(), from, List.copyOf(step.keys().keySet()));
        require(step, step.reference(), reference, List.copyOf(step.keys().values()));
        require(step, step.reference(), reference, List.copyOf(step.fields().keySet()));
        for (String added : step.fields().values()) {
            if (from.contains(added)) {
                throw problem(step, "the added column '" + added + "' is already a column of " + step.from()
                        + "; name it differently with 'field as other_name'");
            }
        }
        String f = quote(step.from());
        String r = quote(step.reference());
        StringBuilder sql = new StringBuilder("SELECT ").append(f).append(".*");
        step.fields().forEach((field, as) -> sql.append(", ").append(r).append(".").append(quote(field))
                .append(field.equals(as) ? "" : " AS " + quote(as)));
        sql.append(" FROM ").append(f).append(step.inner() ? " INNER JOIN " : " LEFT OUTER JOIN ").append(r).append(" ON ");
        sql.append(step.keys().entrySet().stream()
                .map(k -> f + "." + quote(k.getKey()) + " = " + r + "." + quote(k.getValue()))
                .collect(Collectors.joining(" AND ")));
        return sql.toString();
    }

    private static String mask(MaskStep step, ViewSchemas schemas) {
        List<ViewColumn> columns = schemas.columns(step.from());
        require(step, step.from(), names(columns), step.columns());
        List<String> select = new ArrayList<>();
        for (ViewColumn column : columns) {
            String c = quote(column.name());
            if (!step.columns().contains(column.name())) {
                select.add(c);
                continue;
            }
            String masked = switch (step.strategy()) {
                case HASH -> "sha2(CAST(" + c + " AS STRING), 256)";
                case TOKENIZE -> MaskStep.TOKEN_FUNCTION + "(CAST(" + c + " AS STRING))";
                case REDACT -> column.isText()
                        ? "CASE WHEN " + c + " IS NULL THEN NULL ELSE '" + MaskStep.REDACTED + "' END"
                        : "CAST(NULL AS " + column.type() + ")";
            };
            select.add(masked + " AS " + c);
        }
        return "SELECT " + String.join(", ", select) + " FROM " + quote(step.from());
    }

    private static String aggregate(AggregateStep step, ViewSchemas schemas) {
        List<String> columns = names(schemas.columns(step.from()));
        List<String> used = new ArrayList<>(step.groupBy());
        step.metrics().forEach(m -> m.column().ifPresent(used::add));
        require(step, step.from(), columns, used);
        List<String> select = new ArrayList<>();
        step.groupBy().forEach(c -> select.add(quote(c)));
        for (Metric metric : step.metrics()) {
            String argument = metric.column().map(StepSql::quote).orElse("*");
            String call = switch (metric.function()) {
                case COUNT -> "COUNT(" + argument + ")";
                case COUNT_DISTINCT -> "COUNT(DISTINCT " + argument + ")";
                case SUM -> "SUM(" + argument + ")";
                case AVG -> "AVG(" + argument + ")";
                case MIN -> "MIN(" + argument + ")";
                case MAX -> "MAX(" + argument + ")";
            };
            select.add(call + " AS " + quote(metric.name()));
        }
        return "SELECT " + String.join(", ", select) + " FROM " + quote(step.from())
                + (step.groupBy().isEmpty() ? "" : " GROUP BY " + list(step.groupBy()));
    }

    /** {@code `name`}, with backticks inside doubled as Spark expects. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String list(List<String> identifiers) {
        return identifiers.stream().map(StepSql::quote).collect(Collectors.joining(", "));
    }

    private static List<String> names(List<ViewColumn> columns) {
        return columns.stream().map(ViewColumn::name).toList();
    }

    private static void require(Step step, String view, List<String> columns, List<String> wanted) {
        Set<String> missing = new LinkedHashSet<>(wanted);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
            throw problem(step, (missing.size() == 1 ? "column " : "columns ") + missing.stream()
                    .map(c -> "'" + c + "'").collect(Collectors.joining(", ")) + (missing.size() == 1 ? " is" : " are")
                    + " not in " + view + ", which has " + String.join(", ", columns));
        }
    }

    private static LakeConfigException problem(Step step, String message) {
        return new LakeConfigException("step '" + step.view() + "' (" + step.kind() + "): " + message);
    }
}
