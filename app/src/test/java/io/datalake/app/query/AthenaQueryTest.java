package io.datalake.app.query;

import static io.datalake.app.query.AthenaStatementTest.NAMES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.query.QueryResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class AthenaQueryTest {
    static final String ORDERS_WORKGROUP = "acme-datalake-dev-ds-sales_orders";
    public static final String OLD_UPDATE = "2026-11-20T020000Z-0002";

    FakeAthena athena;
    AthenaQuery query;

    @BeforeEach
    void start() {
        athena = FakeAthena.start(Set.of(ORDERS_WORKGROUP, "acme-datalake-dev-internal"));
        createOrdersTable(athena);
        query = new AthenaQuery(athena.client(), Duration.ofMillis(1));
    }

    @AfterEach
    void stop() {
        athena.close();
    }

    /**
     * The Glue table of sales_orders as Athena sees it: every update's rows, told apart by the
     * update_id partition. The older update must never be read.
     */
    public static void createOrdersTable(FakeAthena athena) {
        athena.execute("CREATE SCHEMA acme_datalake_dev_internal");
        athena.execute("CREATE TABLE acme_datalake_dev_internal.sales_orders (order_id BIGINT, line_no INT,"
                + " product_sku VARCHAR, quantity INT, unit_price_eur DECIMAL(12,2), amount_eur DECIMAL(14,2),"
                + " store_country VARCHAR, order_date DATE, update_id VARCHAR)");
        String latest = AthenaStatementTest.ORDERS_LATEST.toString();
        athena.execute("INSERT INTO acme_datalake_dev_internal.sales_orders VALUES"
                + " (1, 1, 'A', 2, 10.00, 20.00, 'DE', DATE '2026-11-20', '" + latest + "'),"
                + " (1, 2, 'B', 1, 5.50, 5.50, 'DE', DATE '2026-11-20', '" + latest + "'),"
                + " (2, 1, 'A', 1, 10.00, 10.00, 'FR', DATE '2026-11-20', '" + latest + "'),"
                + " (3, 1, 'C', 3, 1.00, 3.00, 'IT', DATE '2026-11-21', '" + latest + "'),"
                + " (4, 1, NULL, 1, 7.00, 7.00, 'NL', DATE '2026-11-21', '" + latest + "'),"
                + " (5, 1, 'A', 4, 10.00, 40.00, 'AT', DATE '2026-11-21', '" + latest + "'),"
                + " (9, 1, 'A', 99, 10.00, 990.00, 'DE', DATE '2026-11-19', '" + OLD_UPDATE + "'),"
                + " (9, 2, 'A', 99, 10.00, 990.00, 'ES', DATE '2026-11-19', '" + OLD_UPDATE + "')");
    }

    AthenaStatement statement(String sql) {
        return AthenaStatement.of(sql, NAMES, new AthenaStatementTest.Examples(), null);
    }

    @Test
    void readsEveryPageOfTheLatestUpdateOnly() {
        AthenaQuery.Outcome outcome = query.run(statement(
                "SELECT store_country, sum(amount_eur) AS total, count(*) AS lines FROM sales_orders GROUP BY 1 ORDER BY 1"));
        assertThat(outcome.result().columns()).containsExactly("store_country", "total", "lines");
        assertThat(outcome.result().rows()).containsExactly(List.of("AT", "40.00", "1"), List.of("DE", "25.50", "2"),
                List.of("FR", "10.00", "1"), List.of("IT", "3.00", "1"), List.of("NL", "7.00", "1"));
        // Header plus five rows in pages of two: three pages, after polling through QUEUED and RUNNING.
        assertThat(athena.operations()).containsExactly("StartQueryExecution", "GetQueryExecution", "GetQueryExecution",
                "GetQueryExecution", "GetQueryResults", "GetQueryResults", "GetQueryResults");
        FakeAthena.Execution execution = athena.executions().get(0);
        assertThat(execution.workgroup).isEqualTo(ORDERS_WORKGROUP);
        assertThat(execution.database).isEqualTo("acme_datalake_dev_internal");
        assertThat(execution.catalog).isEqualTo(AthenaQuery.CATALOG);
        assertThat(outcome.queryId()).isEqualTo("00000000-0000-4000-a000-000000000001");
        assertThat(outcome.scannedBytes()).isEqualTo(500);
        assertThat(outcome.engineTime()).isEqualTo(Duration.ofMillis(1234));
    }

    @Test
    void aLakeAddressReadsAnOlderUpdate() {
        QueryResult result = query.run(statement("SELECT store_country, sum(amount_eur) AS total"
                + " FROM \"lake://sales_orders:2026-11-20\" GROUP BY 1 ORDER BY 1")).result();
        assertThat(result.rows()).containsExactly(List.of("DE", "990.00"), List.of("ES", "990.00"));
    }

    @Test
    void selectStarShowsTheDatasetsColumnsWithoutTheUpdatePartitionAndKeepsNulls() {
        QueryResult result = query.run(statement("SELECT * FROM sales_orders WHERE order_id = 4")).result();
        assertThat(result.columns()).containsExactly("order_id", "line_no", "product_sku", "quantity", "unit_price_eur",
                "amount_eur", "store_country", "order_date");
        assertThat(result.rows()).containsExactly(Arrays.asList("4", "1", null, "1", "7.00", "7.00", "NL", "2026-11-21"));
    }

    @Test
    void aStatementThatIsNotASelectKeepsItsFirstRow() {
        QueryResult result = query.run(AthenaStatement.of("SHOW TABLES", NAMES, new AthenaStatementTest.Examples(),
                "acme-datalake-dev-internal")).result();
        assertThat(result.rows()).containsExactly(List.of("sales_orders"));
    }

    @Test
    void aMistakeInTheSqlIsTheUsersWithAthenasReason() {
        assertThatThrownBy(() -> query.run(statement("SELECT no_such_column FROM sales_orders")))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("Athena refused the query: ")
                .hasMessageContaining("no_such_column");
    }

    @Test
    void anUnknownWorkgroupIsTheUsersMistake() {
        AthenaStatement statement = AthenaStatement.of("SELECT count(*) FROM sales_orders", NAMES,
                new AthenaStatementTest.Examples(), "acme-datalake-dev-ds-typo");
        assertThatThrownBy(() -> query.run(statement))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("Athena refused the query in workgroup acme-datalake-dev-ds-typo:"
                        + " WorkGroup acme-datalake-dev-ds-typo is not found.");
        assertThat(athena.executions()).isEmpty();
    }

    @Test
    void aFailureInsideAthenaOrACancellationIsAFault() {
        athena.failNextWithSystemError();
        assertThatThrownBy(() -> query.run(statement("SELECT count(*) FROM sales_orders")))
                .isInstanceOf(QueryFailedException.class)
                .hasMessage("Athena query 00000000-0000-4000-a000-000000000001 failed:"
                        + " GENERIC_INTERNAL_ERROR: the fake failed on purpose");
        athena.cancelNext();
        assertThatThrownBy(() -> query.run(statement("SELECT count(*) FROM sales_orders")))
                .isInstanceOf(QueryFailedException.class)
                .hasMessage("Athena query 00000000-0000-4000-a000-000000000002 was cancelled");
        assertThat(Collections.frequency(athena.operations(), "GetQueryResults")).isZero();
    }
}
