package io.datalake.locallake;

import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.query.QueryResult;
import io.datalake.core.query.SqlText;
import io.datalake.core.update.LakeUri;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SQL over the local lake, Athena's stand-in: every registered dataset with a complete update is a
 * view over the Parquet files of its latest complete update, read by DuckDB straight from the S3
 * stand-in's folder.
 */
public final class LocalQuery {
    private final LakeStorage lake;

    public LocalQuery(LakeStorage lake) {
        this.lake = lake;
    }

    /** The views a query can read: dataset name to the update it shows. */
    public Map<String, UpdateId> tables() {
        return tables(new DatasetRegistry(lake.dynamo(), lake.names()).list());
    }

    private Map<String, UpdateId> tables(List<DatasetRegistration> datasets) {
        Map<String, UpdateId> tables = new LinkedHashMap<>();
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), lake.names());
        for (DatasetRegistration dataset : datasets) {
            updates.latest(dataset.dataset(), UpdateState.COMPLETE).ifPresent(u -> tables.put(dataset.dataset(), u));
        }
        return tables;
    }

    /**
     * A view over the Parquet files of one update, named as the query names it. An update with no
     * rows may have no Parquet file at all (a partitioned write of nothing writes nothing): its view
     * has the dataset's columns, in the order a Parquet read gives them (partition columns last), and
     * no rows.
     */
    private void view(Statement sql, String name, DatasetRegistration dataset, UpdateId update) throws SQLException {
        Path data = lake.bucketFolder(lake.names().dataBucket(dataset.tier()))
                .resolve(DatasetLayout.dataPrefix(dataset.dataset(), update));
        if (hasParquet(data)) {
            sql.execute("CREATE VIEW " + SqlText.quote(name) + " AS SELECT * FROM read_parquet("
                    + SqlText.literal(data.toAbsolutePath() + "/**/*.parquet") + ", hive_partitioning = true)");
            return;
        }
        DatasetSpec spec = DatasetFiles.parse(dataset.dataset() + ".yaml", dataset.spec());
        if (!spec.hasSchema()) {
            return;
        }
        List<Column> columns = new ArrayList<>(spec.schema().stream().filter(c -> !spec.partitioning().contains(c.name())).toList());
        spec.partitioning().forEach(p -> columns.add(spec.schema().stream().filter(c -> c.name().equals(p)).findFirst().orElseThrow()));
        sql.execute("CREATE VIEW " + SqlText.quote(name) + " AS SELECT " + columns.stream()
                .map(c -> "CAST(NULL AS " + c.type().duckDbType() + ") AS " + SqlText.quote(c.name()))
                .collect(Collectors.joining(", ")) + " WHERE FALSE");
    }

    private static boolean hasParquet(Path data) {
        if (!Files.isDirectory(data)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(data)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a query.
     *
     * @throws LakeConfigException with DuckDB's message when the SQL is wrong
     */
    public QueryResult run(String sqlText) {
        // One scan of the registry serves both the views and the addresses' datasets.
        List<DatasetRegistration> datasets = new DatasetRegistry(lake.dynamo(), lake.names()).list();
        Map<String, DatasetRegistration> registered = new LinkedHashMap<>();
        datasets.forEach(d -> registered.put(d.dataset(), d));
        Map<String, UpdateId> tables = tables(datasets);
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), lake.names());
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement()) {
            for (Map.Entry<String, UpdateId> table : tables.entrySet()) {
                view(sql, table.getKey(), registered.get(table.getKey()), table.getValue());
            }
            // "lake://<dataset>:<tag>" reads the update the tag selects, as on Athena.
            for (String address : new SqlText(sqlText).lakeAddresses()) {
                LakeUri uri = LakeUri.parse(address);
                DatasetRegistration dataset = registered.get(uri.dataset());
                if (dataset == null) {
                    throw new LakeConfigException(address + " names no dataset of " + lake.names().environment().name());
                }
                List<UpdateId> complete = updates.inState(uri.dataset(), UpdateState.COMPLETE).stream()
                        .map(UpdateRecord::update).toList();
                UpdateId update = uri.resolve(complete).orElseThrow(() -> new LakeConfigException(address + " selects no"
                        + " complete update: the dataset has " + complete.size() + " complete update(s)"));
                view(sql, address, dataset, update);
            }
            try (ResultSet rs = sql.executeQuery(sqlText)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rs.getObject(i);
                        row.add(value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows);
            }
        } catch (SQLException e) {
            throw new LakeConfigException("query failed: " + e.getMessage().lines().findFirst().orElse(e.getMessage()));
        }
    }
}
