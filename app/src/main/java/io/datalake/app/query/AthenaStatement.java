package io.datalake.app.query;

import io.datalake.core.query.SqlText;
import io.datalake.constructs.catalog.DatasetTables;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.update.LakeUri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What Athena runs for {@code lake query --env <aws env>}: the user's SQL, in which each dataset
 * it names reads the dataset's latest complete update, as it does in the local lake, and the
 * workgroup to run it in.
 *
 * <p>Each named dataset becomes a common table expression over its Glue table, filtered on the
 * injected {@code update_id} partition (Athena requires an equality there) and listing the
 * dataset's columns, so that the partition column does not show and {@code SELECT *} gives the
 * same columns as DuckDB does locally.
 *
 * <p>A quoted address, {@code "lake://sales_orders:2026-11-20"} (a tag: {@code latest}, a date, or
 * an index such as {@code 0} or {@code -1}), reads the update it selects instead.
 *
 * <p>The workgroup decides where results land and so who can read them: a dataset's own workgroup
 * when the query reads one dataset; the internal tier's (the default reader's) when it reads only
 * internal datasets; otherwise the caller must choose with {@code --workgroup}.
 *
 * @param sql the statement sent to Athena
 * @param workgroup where it runs
 * @param database the Glue database of the session, for names the query leaves unqualified
 * @param datasets the tables the statement reads (a dataset's name, or an address such as
 *     {@code lake://sales_orders:2026-11-20}), each with the update it reads
 */
public record AthenaStatement(String sql, String workgroup, String database, Map<String, UpdateId> datasets) {
    public AthenaStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(workgroup, "workgroup");
        Objects.requireNonNull(database, "database");
        datasets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    }

    /** The datasets the registry knows, as far as the caller may read them. */
    public interface Datasets {
        /** The deployed spec of a dataset; empty when there is no such dataset or it is not the caller's to see. */
        Optional<DatasetSpec> find(String name);

        /** The complete updates of a dataset, in any order. */
        List<UpdateId> completeUpdates(String name);
    }

    /**
     * Binds a query to the lake.
     *
     * @param workgroup the workgroup the user asked for, or {@code null} to choose as described above
     * @throws LakeConfigException when a named dataset cannot be queried, or no workgroup follows from the query
     */
    public static AthenaStatement of(String query, LakeNames names, Datasets registry, String workgroup) {
        if (query == null || query.isBlank()) {
            throw new LakeConfigException("the query is empty");
        }
        SqlText text = new SqlText(query);
        Map<String, DatasetSpec> named = new LinkedHashMap<>();
        for (String name : text.unqualifiedNames()) {
            if (DatasetLayout.NAME.matcher(name).matches() && !SqlText.isKeyword(name)) {
                registry.find(name).ifPresent(spec -> named.put(name, spec));
            }
        }
        Map<String, UpdateId> updates = new LinkedHashMap<>();
        List<String> definitions = new ArrayList<>();
        for (DatasetSpec spec : named.values()) {
            UpdateId update = queryable(registry, spec).stream().max(UpdateId::compareTo)
                    .orElseThrow(() -> new LakeConfigException("dataset " + spec.name() + " has no complete update yet:"
                            + " deliver a file and wait for it to complete"));
            updates.put(spec.name(), update);
            definitions.add(definition(names, spec, update, spec.name()));
        }
        // "lake://<dataset>:<tag>" reads the update the tag selects, as pipelines' inputs do.
        for (String address : text.lakeAddresses()) {
            LakeUri uri = LakeUri.parse(address);
            DatasetSpec spec = registry.find(uri.dataset()).orElseThrow(() -> new LakeConfigException(address
                    + " names no dataset of " + names.environment().name() + " that you can read"));
            List<UpdateId> complete = queryable(registry, spec);
            UpdateId update = uri.resolve(complete).orElseThrow(() -> new LakeConfigException(address + " selects no"
                    + " complete update: the dataset has " + complete.size() + " complete update(s)"));
            named.putIfAbsent(spec.name(), spec);
            updates.put(address, update);
            definitions.add(definition(names, spec, update, address));
        }
        String chosen = workgroup != null ? checkWorkgroup(workgroup) : workgroupFor(names, named);
        String database = named.isEmpty() ? names.glueDatabase(Tier.INTERNAL)
                : names.glueDatabase(named.values().iterator().next().tier());
        return new AthenaStatement(text.withDefinitions(definitions), chosen, database, updates);
    }

    /** A dataset's complete updates, if it has the schema that gives it a table in Athena. */
    private static List<UpdateId> queryable(Datasets registry, DatasetSpec spec) {
        if (!spec.hasSchema()) {
            throw new LakeConfigException("dataset " + spec.name() + " has no schema, so it has no table in Athena;"
                    + " add a schema to its file and deploy it again");
        }
        return registry.completeUpdates(spec.name());
    }

    /** {@code "orders" AS (SELECT "a", "b" FROM "db"."orders" WHERE "update_id" = '...')}. */
    private static String definition(LakeNames names, DatasetSpec spec, UpdateId update, String table) {
        // The Glue table lists partition columns last; so does DuckDB's hive partitioning locally.
        String columns = Stream.concat(
                        spec.schema().stream().filter(c -> !spec.partitioning().contains(c.name())),
                        spec.schema().stream().filter(c -> spec.partitioning().contains(c.name())))
                .map(Column::name).map(SqlText::quote).collect(Collectors.joining(", "));
        return SqlText.quote(table) + " AS (SELECT " + columns
                + " FROM " + SqlText.quote(names.glueDatabase(spec.tier())) + "." + SqlText.quote(names.glueTable(spec.name()))
                + " WHERE " + SqlText.quote(DatasetTables.UPDATE_COLUMN) + " = " + SqlText.literal(update.toString()) + ")";
    }

    private static String workgroupFor(LakeNames names, Map<String, DatasetSpec> named) {
        if (named.isEmpty()) {
            throw new LakeConfigException("the query names no dataset of " + names.environment().name()
                    + " that you can read; name one (e.g. FROM sales_orders), or pass --workgroup to run it as written");
        }
        if (named.size() == 1) {
            return names.datasetWorkgroup(named.keySet().iterator().next());
        }
        if (named.values().stream().allMatch(spec -> spec.tier() == Tier.INTERNAL)) {
            return names.athenaWorkgroup(Tier.INTERNAL);
        }
        throw new LakeConfigException("the query reads " + named.values().stream()
                .map(spec -> spec.name() + " (" + spec.tier().id() + ")").collect(Collectors.joining(", "))
                + ", which have no workgroup in common; choose the one whose readers may see the result with --workgroup");
    }

    private static String checkWorkgroup(String workgroup) {
        if (!LakeNames.WORKGROUP.matcher(workgroup).matches()) {
            throw new LakeConfigException("--workgroup must be 1 to 128 letters, digits, '.', '_' or '-', but '"
                    + workgroup + "' was given");
        }
        return workgroup;
    }
}
