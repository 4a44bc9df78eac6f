package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.pipelines.model.step.AggregateStep;
import io.datalake.pipelines.model.step.DeduplicateStep;
import io.datalake.pipelines.model.step.JoinStep;
import io.datalake.pipelines.model.step.JoinType;
import io.datalake.pipelines.model.step.KeepRow;
import io.datalake.pipelines.model.step.LookupStep;
import io.datalake.pipelines.model.step.MaskStep;
import io.datalake.pipelines.model.step.MaskStrategy;
import io.datalake.pipelines.model.step.Metric;
import io.datalake.pipelines.model.step.NullOrder;
import io.datalake.pipelines.model.step.SortKey;
import io.datalake.pipelines.model.step.SortStep;
import io.datalake.pipelines.model.step.Step;
import io.datalake.pipelines.model.step.StepSql;
import io.datalake.pipelines.model.step.ViewColumn;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every declarative step's compiled SQL, run in Spark on small views: the text StepSqlTest pins is
 * also the behaviour the config promises.
 */
class StepSqlRunTest {
    static SparkSession session;

    @BeforeAll
    static void views() {
        session = RunnerSession.open(TestSpark.session());
        session.sql("SELECT * FROM VALUES (1, 'a', 10.50BD, 'x@example.com'), (2, 'b', NULL, NULL), (3, 'z', 3.00BD, 'z@example.com')"
                + " AS t(id, sku, price, email)").createOrReplaceTempView("items");
        session.sql("SELECT * FROM VALUES ('a', 'fruit', 1), ('b', 'tools', 2), ('c', 'toys', 3) AS t(sku, category, price)")
                .createOrReplaceTempView("products");
        session.sql("SELECT * FROM VALUES (1, 1, 5), (1, 2, 7), (1, 3, NULL), (2, 1, 4) AS t(k, version, v)")
                .createOrReplaceTempView("versions");
    }

    private static List<Row> run(Step step) {
        String sql = StepSql.compile(step, view -> Arrays.stream(session.table(view).schema().fields())
                .map(f -> new ViewColumn(f.name(), f.dataType().sql())).toList());
        return session.sql(sql).collectAsList();
    }

    @Test
    void deduplicateKeepsTheFirstOrLastByOrderAndNullsNeverWin() {
        assertThat(run(new DeduplicateStep("d", "versions", List.of("k"), KeepRow.LAST, List.of("v"))))
                .containsExactlyInAnyOrder(RowFactory.create(1, 2, 7), RowFactory.create(2, 1, 4));
        assertThat(run(new DeduplicateStep("d", "versions", List.of("k"), KeepRow.FIRST, List.of("v"))))
                .containsExactlyInAnyOrder(RowFactory.create(1, 1, 5), RowFactory.create(2, 1, 4));
    }

    @Test
    void sortOrdersRowsWithNullsWhereAsked() {
        assertThat(run(new SortStep("s", "items", List.of(new SortKey("price", true)), Optional.of(NullOrder.FIRST))))
                .extracting(r -> r.getInt(0)).containsExactly(2, 1, 3);
        assertThat(run(new SortStep("s", "items", List.of(new SortKey("sku", false)), Optional.empty())))
                .extracting(r -> r.getString(1)).containsExactly("a", "b", "z");
    }

    @Test
    void joinsKeepTheRightColumnsAndTypesTheConfigPromises() {
        List<Row> left = run(new JoinStep("j", "items", "products", JoinType.LEFT, Optional.of("items.sku = products.sku"),
                List.of(), List.of()));
        assertThat(left).extracting(r -> r.getInt(0) + ":" + r.get(4)).containsExactlyInAnyOrder("1:fruit", "2:tools", "3:null");
        List<Row> full = run(new JoinStep("j", "items", "products", JoinType.FULL, Optional.empty(), List.of("sku"), List.of()));
        assertThat(full).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("a", "b", "c", "z");
        List<Row> anti = run(new JoinStep("j", "items", "products", JoinType.ANTI, Optional.empty(), List.of("sku"), List.of()));
        assertThat(anti).containsExactly(RowFactory.create(3, "z", new java.math.BigDecimal("3.00"), "z@example.com"));
        assertThat(run(new JoinStep("j", "items", "products", JoinType.SEMI, Optional.empty(), List.of("sku"), List.of())))
                .extracting(r -> r.getString(1)).containsExactlyInAnyOrder("a", "b");
        assertThat(run(new JoinStep("j", "items", "products", JoinType.INNER, Optional.of("items.sku = products.sku"),
                List.of(), List.of("items.id", "products.price AS list_price"))))
                .containsExactlyInAnyOrder(RowFactory.create(1, 1), RowFactory.create(2, 2));
    }

    @Test
    void lookupAddsFieldsAndAnInnerLookupDropsRowsWithoutAMatch() {
        assertThat(run(new LookupStep("l", "items", "products", Map.of("sku", "sku"), Map.of("category", "kind"), false)))
                .extracting(r -> r.getInt(0) + ":" + r.get(4)).containsExactlyInAnyOrder("1:fruit", "2:tools", "3:null");
        assertThat(run(new LookupStep("l", "items", "products", Map.of("sku", "sku"), Map.of("category", "kind"), true)))
                .hasSize(2);
    }

    @Test
    void maskHashesOrRedactsInPlace() {
        List<Row> hashed = run(new MaskStep("m", "items", List.of("email"), MaskStrategy.HASH));
        assertThat(hashed).extracting(r -> r.getString(3)).containsExactly(
                PipelineRunTest.sha256Hex("x@example.com"), null, PipelineRunTest.sha256Hex("z@example.com"));
        List<Row> redacted = run(new MaskStep("m", "items", List.of("email", "price"), MaskStrategy.REDACT));
        assertThat(redacted).extracting(r -> r.getString(3)).containsExactly(MaskStep.REDACTED, null, MaskStep.REDACTED);
        assertThat(redacted).allSatisfy(r -> assertThat(r.isNullAt(2)).isTrue());
        assertThat(session.sql(StepSql.compile(new MaskStep("m", "items", List.of("price"), MaskStrategy.REDACT),
                v -> List.of(new ViewColumn("id", "INT"), new ViewColumn("sku", "STRING"), new ViewColumn("price", "DECIMAL(4,2)"),
                        new ViewColumn("email", "STRING")))).schema().fields()[2].dataType().sql()).isEqualTo("DECIMAL(4,2)");
    }

    @Test
    void aggregateComputesEveryMetric() {
        List<Row> rows = run(new AggregateStep("a", "versions", List.of("k"), List.of(
                Metric.parse("m", "rows", "count(*)"), Metric.parse("m", "values", "count(v)"),
                Metric.parse("m", "distinct", "count_distinct(v)"), Metric.parse("m", "total", "sum(v)"),
                Metric.parse("m", "mean", "avg(v)"), Metric.parse("m", "low", "min(version)"),
                Metric.parse("m", "high", "max(version)"))));
        assertThat(rows).containsExactlyInAnyOrder(
                RowFactory.create(1, 3L, 2L, 2L, 12L, 6.0, 1, 3),
                RowFactory.create(2, 1L, 1L, 1L, 4L, 4.0, 1, 1));
    }
}
