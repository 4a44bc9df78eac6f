package io.datalake.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.query.SqlText;
import io.datalake.app.CdkConfig;
import io.datalake.app.TestApps;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AthenaStatementTest {
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment("dev"));
    static final UpdateId ORDERS_FIRST = UpdateId.parse("2026-11-19T020000Z-0001");
    static final UpdateId ORDERS_MIDDLE = UpdateId.parse("2026-11-20T020000Z-0002");
    static final UpdateId ORDERS_LATEST = UpdateId.parse("2026-11-21T020000Z-0a0b");
    static final UpdateId DAILY_LATEST = UpdateId.parse("2026-11-21T030000Z-0c0d");
    static final UpdateId EVENTS_LATEST = UpdateId.parse("2026-11-21T040000Z-0e0f");

    /** The registry as a reader of every example sees it; lookups are counted. */
    static final class Examples implements AthenaStatement.Datasets {
        final Map<String, DatasetSpec> specs = new HashMap<>();
        final Map<String, java.util.List<UpdateId>> complete = new HashMap<>(Map.of(
                "sales_orders", java.util.List.of(ORDERS_FIRST, ORDERS_LATEST, ORDERS_MIDDLE),
                "daily_sales", java.util.List.of(DAILY_LATEST), "web_events", java.util.List.of(EVENTS_LATEST)));
        final java.util.List<String> lookedUp = new java.util.ArrayList<>();

        Examples() {
            for (String name : new String[] {"sales_orders", "daily_sales", "web_events", "hr_employees"}) {
                specs.put(name, DatasetFiles.load(EXAMPLES.resolve(name + ".yaml")));
            }
        }

        @Override
        public Optional<DatasetSpec> find(String name) {
            lookedUp.add(name);
            return Optional.ofNullable(specs.get(name));
        }

        @Override
        public java.util.List<UpdateId> completeUpdates(String name) {
            return complete.getOrDefault(name, java.util.List.of());
        }
    }

    @Test
    void bindsTheOneNamedDatasetToItsLatestCompleteUpdateInItsOwnWorkgroup() {
        AthenaStatement statement = AthenaStatement.of("SELECT store_country, sum(amount_eur) FROM sales_orders GROUP BY 1",
                NAMES, new Examples(), null);
        assertThat(statement.workgroup()).isEqualTo("acme-datalake-dev-ds-sales_orders");
        assertThat(statement.database()).isEqualTo("acme_datalake_dev_internal");
        assertThat(statement.datasets()).containsExactly(Map.entry("sales_orders", ORDERS_LATEST));
        // The partition column order_date comes last, as DuckDB's hive partitioning puts it locally.
        assertThat(statement.sql()).isEqualTo("WITH \"sales_orders\" AS (SELECT \"order_id\", \"line_no\", \"product_sku\","
                + " \"quantity\", \"unit_price_eur\", \"amount_eur\", \"store_country\", \"order_date\""
                + " FROM \"acme_datalake_dev_internal\".\"sales_orders\" WHERE \"update_id\" = '2026-11-21T020000Z-0a0b')\n"
                + "SELECT store_country, sum(amount_eur) FROM sales_orders GROUP BY 1");
    }

    @Test
    void queriesOverSeveralInternalDatasetsRunInTheInternalTiersWorkgroup() {
        AthenaStatement statement = AthenaStatement.of("SELECT d.revenue_eur FROM daily_sales d JOIN \"sales_orders\" o"
                + " ON d.order_date = o.order_date", NAMES, new Examples(), null);
        assertThat(statement.workgroup()).isEqualTo("acme-datalake-dev-internal");
        assertThat(statement.datasets()).containsOnlyKeys("daily_sales", "sales_orders");
        assertThat(statement.sql()).startsWith("WITH \"daily_sales\" AS (").contains(",\n     \"sales_orders\" AS (");
    }

    @Test
    void datasetsOfDifferentTiersNeedAnExplicitWorkgroup() {
        String sql = "SELECT count(*) FROM sales_orders, web_events";
        assertThatThrownBy(() -> AthenaStatement.of(sql, NAMES, new Examples(), null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("the query reads sales_orders (internal), web_events (restricted), which have no workgroup in"
                        + " common; choose the one whose readers may see the result with --workgroup");
        AthenaStatement chosen = AthenaStatement.of(sql, NAMES, new Examples(), "acme-datalake-dev-ds-web_events");
        assertThat(chosen.workgroup()).isEqualTo("acme-datalake-dev-ds-web_events");
        assertThat(chosen.datasets()).containsOnlyKeys("sales_orders", "web_events");
    }

    @Test
    void joinsTheQuerysOwnWithClause() {
        AthenaStatement plain = AthenaStatement.of("with big AS (SELECT * FROM sales_orders WHERE quantity > 5)"
                + " SELECT count(*) FROM big", NAMES, new Examples(), null);
        assertThat(plain.sql()).startsWith("with \"sales_orders\" AS (SELECT ").endsWith(",\n big AS (SELECT * FROM"
                + " sales_orders WHERE quantity > 5) SELECT count(*) FROM big");
        AthenaStatement recursive = AthenaStatement.of("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t"
                + " WHERE n < 3) SELECT n, (SELECT count(*) FROM sales_orders) FROM t", NAMES, new Examples(), null);
        assertThat(recursive.sql()).startsWith("WITH RECURSIVE \"sales_orders\" AS (").contains(",\n t(n) AS (");
    }

    @Test
    void namesInLiteralsCommentsAndQualifiedNamesAreNotDatasets() {
        Examples registry = new Examples();
        AthenaStatement statement = AthenaStatement.of("-- from web_events\nSELECT 'daily_sales' AS label, /* hr_employees */"
                + " o.quantity FROM sales_orders o JOIN other_db.web_events w ON o.order_id = w.order_id", NAMES, registry,
                null);
        assertThat(statement.datasets()).containsOnlyKeys("sales_orders");
        assertThat(registry.lookedUp).doesNotContain("web_events", "daily_sales", "hr_employees", "select", "from", "o")
                .contains("sales_orders", "label");
    }

    @Test
    void aQueryThatNamesNoDatasetNeedsAWorkgroupAndRunsAsWritten() {
        assertThatThrownBy(() -> AthenaStatement.of("SHOW TABLES", NAMES, new Examples(), null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("the query names no dataset of dev that you can read;")
                .hasMessageContaining("--workgroup");
        AthenaStatement statement = AthenaStatement.of("SHOW TABLES", NAMES, new Examples(), "acme-datalake-dev-internal");
        assertThat(statement.sql()).isEqualTo("SHOW TABLES");
        assertThat(statement.datasets()).isEmpty();
    }

    @Test
    void refusesDatasetsWithoutCompleteUpdatesOrSchemas() {
        Examples registry = new Examples();
        assertThatThrownBy(() -> AthenaStatement.of("SELECT * FROM hr_employees", NAMES, registry, null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("dataset hr_employees has no complete update yet: deliver a file and wait for it to complete");
        registry.specs.put("sales_orders", DatasetFiles.parse("sales_orders.yaml", """
                name: sales_orders
                tier: internal
                owner: sales-data@example.com
                description: Order lines, delivered as Parquet without a declared schema.
                format:
                  type: parquet
                """));
        assertThatThrownBy(() -> AthenaStatement.of("SELECT * FROM sales_orders", NAMES, registry, null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("dataset sales_orders has no schema, so it has no table in Athena");
    }

    @Test
    void aLakeAddressReadsTheUpdateItsTagSelects() {
        AthenaStatement statement = AthenaStatement.of("SELECT count(*) FROM \"lake://sales_orders:2026-11-20\" d"
                + " JOIN \"lake://sales_orders:0\" f ON d.order_id = f.order_id JOIN sales_orders l ON l.order_id = d.order_id",
                NAMES, new Examples(), null);
        assertThat(statement.datasets()).containsExactly(Map.entry("sales_orders", ORDERS_LATEST),
                Map.entry("lake://sales_orders:2026-11-20", ORDERS_MIDDLE), Map.entry("lake://sales_orders:0", ORDERS_FIRST));
        assertThat(statement.workgroup()).isEqualTo("acme-datalake-dev-ds-sales_orders");
        assertThat(statement.sql()).contains("\"lake://sales_orders:2026-11-20\" AS (SELECT \"order_id\"")
                .contains("WHERE \"update_id\" = '" + ORDERS_MIDDLE + "')")
                .contains("\"lake://sales_orders:0\" AS (").contains("WHERE \"update_id\" = '" + ORDERS_FIRST + "')");

        assertThatThrownBy(() -> AthenaStatement.of("SELECT * FROM \"lake://sales_orders:5\"", NAMES, new Examples(), null))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("lake://sales_orders:5 selects no complete update: the dataset has 3 complete update(s)");
        assertThatThrownBy(() -> AthenaStatement.of("SELECT * FROM \"lake://sales_orders:yesterday\"", NAMES,
                new Examples(), null)).isInstanceOf(LakeConfigException.class).hasMessageContaining("must be latest, a date");
        assertThatThrownBy(() -> AthenaStatement.of("SELECT * FROM \"lake://nobody_here\"", NAMES, new Examples(), null))
                .isInstanceOf(LakeConfigException.class).hasMessage("lake://nobody_here names no dataset of dev that you can read");
    }

    @Test
    void refusesABadWorkgroupNameAndAnEmptyQuery() {
        assertThatThrownBy(() -> AthenaStatement.of("SELECT 1", NAMES, new Examples(), "no spaces"))
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("--workgroup must be");
        assertThatThrownBy(() -> AthenaStatement.of("  ", NAMES, new Examples(), null))
                .isInstanceOf(LakeConfigException.class).hasMessage("the query is empty");
    }

    @Test
    void quotedNamesAreExactAndUnquotedOnesFoldToLowerCase() {
        Examples registry = new Examples();
        AthenaStatement statement = AthenaStatement.of("SELECT * FROM SALES_ORDERS", NAMES, registry, null);
        assertThat(statement.datasets()).containsOnlyKeys("sales_orders");
        assertThat(SqlText.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(new SqlText("SELECT \"it\"\"s\" FROM t WHERE x = 'it''s daily_sales'").unqualifiedNames())
                .isEqualTo(Set.of("select", "it\"s", "from", "t", "where", "x"));
    }
}
