package io.datalake.pipelines.model.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SQL each declarative step compiles to. The runner's tests run these same queries in Spark;
 * here the text is pinned so a change to it is a reviewed change.
 */
class StepSqlTest {
    static final Map<String, List<ViewColumn>> VIEWS = Map.of(
            "lines", List.of(col("order_id", "BIGINT"), col("sku", "STRING"), col("email", "STRING"),
                    col("amount", "DECIMAL(12,2)"), col("updated_at", "TIMESTAMP")),
            "products", List.of(col("sku", "STRING"), col("category", "STRING"), col("amount", "DECIMAL(12,2)")));
    static final ViewSchemas SCHEMAS = view -> {
        List<ViewColumn> columns = VIEWS.get(view);
        if (columns == null) {
            throw new IllegalArgumentException("no view " + view);
        }
        return columns;
    };

    @Test
    void deduplicateKeepsOneRowPerKeyWithNullsNeverWinning() {
        String last = StepSql.compile(new DeduplicateStep("d", "lines", List.of("order_id"), KeepRow.LAST,
                List.of("updated_at")), SCHEMAS);
        assertThat(last).isEqualTo("SELECT `order_id`, `sku`, `email`, `amount`, `updated_at` FROM (SELECT *,"
                + " ROW_NUMBER() OVER (PARTITION BY `order_id` ORDER BY `updated_at` DESC NULLS LAST) AS `__lake_row`"
                + " FROM `lines`) WHERE `__lake_row` = 1");
        String first = StepSql.compile(new DeduplicateStep("d", "lines", List.of("order_id", "sku"), KeepRow.FIRST,
                List.of("updated_at", "amount")), SCHEMAS);
        assertThat(first).contains("PARTITION BY `order_id`, `sku` ORDER BY `updated_at` ASC NULLS LAST, `amount` ASC NULLS LAST");
        assertThat(StepSql.compile(new DeduplicateStep("d", "lines", List.of("order_id"), KeepRow.LATEST,
                List.of("updated_at")), SCHEMAS)).isEqualTo(last);
    }

    @Test
    void sortOrdersByEachKey() {
        assertThat(StepSql.compile(new SortStep("s", "lines", List.of(new SortKey("amount", true), new SortKey("sku", false)),
                Optional.of(NullOrder.FIRST)), SCHEMAS))
                .isEqualTo("SELECT * FROM `lines` ORDER BY `amount` DESC NULLS FIRST, `sku` ASC NULLS FIRST");
        assertThat(StepSql.compile(new SortStep("s", "lines", List.of(new SortKey("sku", false)), Optional.empty()), SCHEMAS))
                .isEqualTo("SELECT * FROM `lines` ORDER BY `sku` ASC");
    }

    @Test
    void joinOnAConditionKeepsLeftColumnsAndAddsTheRightOnesTheLeftLacks() {
        assertThat(StepSql.compile(new JoinStep("j", "lines", "products", JoinType.LEFT,
                Optional.of("lines.sku = products.sku"), List.of(), List.of()), SCHEMAS))
                .isEqualTo("SELECT `lines`.*, `products`.`category` FROM `lines` LEFT OUTER JOIN `products`"
                        + " ON (lines.sku = products.sku)");
    }

    @Test
    void joinUsingSharedColumnsMergesThem() {
        assertThat(StepSql.compile(new JoinStep("j", "lines", "products", JoinType.FULL, Optional.empty(),
                List.of("sku"), List.of()), SCHEMAS))
                .isEqualTo("SELECT `sku`, `lines`.`order_id`, `lines`.`email`, `lines`.`amount`, `lines`.`updated_at`,"
                        + " `products`.`category` FROM `lines` FULL OUTER JOIN `products` USING (`sku`)");
    }

    @Test
    void semiAndAntiJoinsKeepOnlyTheLeftSideAndSelectIsTakenAsWritten() {
        assertThat(StepSql.compile(new JoinStep("j", "lines", "products", JoinType.ANTI, Optional.empty(),
                List.of("sku"), List.of()), SCHEMAS))
                .isEqualTo("SELECT `lines`.`order_id`, `lines`.`sku`, `lines`.`email`, `lines`.`amount`, `lines`.`updated_at`"
                        + " FROM `lines` LEFT ANTI JOIN `products` USING (`sku`)");
        assertThat(StepSql.compile(new JoinStep("j", "lines", "products", JoinType.INNER, Optional.of("lines.sku = products.sku"),
                List.of(), List.of("lines.order_id", "products.amount AS list_price")), SCHEMAS))
                .isEqualTo("SELECT lines.order_id, products.amount AS list_price FROM `lines` INNER JOIN `products`"
                        + " ON (lines.sku = products.sku)");
    }

    @Test
    void lookupAddsTheReferenceFields() {
        assertThat(StepSql.compile(new LookupStep("l", "lines", "products", Map.of("sku", "sku"),
                Map.of("category", "product_category"), false), SCHEMAS))
                .isEqualTo("SELECT `lines`.*, `products`.`category` AS `product_category` FROM `lines` LEFT OUTER JOIN"
                        + " `products` ON `lines`.`sku` = `products`.`sku`");
    }

    @Test
    void lookupRefusesAFieldTheSourceAlreadyHas() {
        assertThatThrownBy(() -> StepSql.compile(new LookupStep("priced", "lines", "products", Map.of("sku", "sku"),
                Map.of("amount", "amount"), true), SCHEMAS))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("step 'priced' (lookup): the added column 'amount' is already a column of lines; name it"
                        + " differently with 'field as other_name'");
    }

    @Test
    void maskReplacesColumnsInPlace() {
        assertThat(StepSql.compile(new MaskStep("m", "lines", List.of("email"), MaskStrategy.HASH), SCHEMAS))
                .isEqualTo("SELECT `order_id`, `sku`, sha2(CAST(`email` AS STRING), 256) AS `email`, `amount`,"
                        + " `updated_at` FROM `lines`");
        assertThat(StepSql.compile(new MaskStep("m", "lines", List.of("email", "amount"), MaskStrategy.REDACT), SCHEMAS))
                .contains("CASE WHEN `email` IS NULL THEN NULL ELSE '[redacted]' END AS `email`")
                .contains("CAST(NULL AS DECIMAL(12,2)) AS `amount`");
        assertThat(StepSql.compile(new MaskStep("m", "lines", List.of("email"), MaskStrategy.TOKENIZE), SCHEMAS))
                .contains("lake_tokenize(CAST(`email` AS STRING)) AS `email`");
    }

    @Test
    void aggregateGroupsAndComputesEachMetric() {
        AggregateStep step = new AggregateStep("a", "lines", List.of("sku"), List.of(
                Metric.parse("m", "orders", "count_distinct(order_id)"), Metric.parse("m", "lines", "count(*)"),
                Metric.parse("m", "revenue", "sum(amount)"), Metric.parse("m", "average", "avg(amount)"),
                Metric.parse("m", "first_change", "min(updated_at)"), Metric.parse("m", "last_change", "max(updated_at)"),
                Metric.parse("m", "emails", "count(email)")));
        assertThat(StepSql.compile(step, SCHEMAS)).isEqualTo("SELECT `sku`, COUNT(DISTINCT `order_id`) AS `orders`,"
                + " COUNT(*) AS `lines`, SUM(`amount`) AS `revenue`, AVG(`amount`) AS `average`,"
                + " MIN(`updated_at`) AS `first_change`, MAX(`updated_at`) AS `last_change`, COUNT(`email`) AS `emails`"
                + " FROM `lines` GROUP BY `sku`");
        assertThat(StepSql.compile(new AggregateStep("a", "lines", List.of(), List.of(Metric.parse("m", "n", "count(*)"))),
                SCHEMAS)).isEqualTo("SELECT COUNT(*) AS `n` FROM `lines`");
    }

    @Test
    void namesTheStepAndTheMissingColumnsAndWhatThereIs() {
        assertThatThrownBy(() -> StepSql.compile(new AggregateStep("daily", "products", List.of("day"),
                List.of(Metric.parse("m", "revenue", "sum(amount_eur)"))), SCHEMAS))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("step 'daily' (aggregate): columns 'day', 'amount_eur' are not in products, which has sku,"
                        + " category, amount");
    }

    @Test
    void sqlStepsAreTakenAsWritten() {
        assertThat(StepSql.compile(new SqlStep("v", "v.sql", "SELECT 1"), SCHEMAS)).isEqualTo("SELECT 1");
    }

    @Test
    void quotesBackticksInsideIdentifiers() {
        assertThat(StepSql.quote("a`b")).isEqualTo("`a``b`");
    }

    private static ViewColumn col(String name, String type) {
        return new ViewColumn(name, type);
    }
}
