package io.datalake.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.update.LakeUri;
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
import io.datalake.pipelines.model.step.SqlStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFilesTest {
    /** Surefire runs in the module folder, pipelines/model; the pipeline folders are its siblings. */
    static final Path PIPELINES = Path.of("..");

    @TempDir
    Path dir;

    @Test
    void readsTheExamplePipeline() {
        PipelineConfig config = PipelineFiles.load(PIPELINES.resolve("daily_sales"));

        assertThat(config.name()).isEqualTo("daily_sales");
        assertThat(config.inputs()).containsExactly(new PipelineInput("orders", LakeUri.parse("lake://sales_orders")));
        assertThat(config.liveInputs()).hasSize(1);
        assertThat(config.output()).isEqualTo(new PipelineOutput("daily_sales", WriteMode.NEW_UPDATE));
        assertThat(config.steps()).hasSize(3);
        SqlStep sql = (SqlStep) config.steps().get(0);
        assertThat(sql.view()).isEqualTo("valid_lines");
        assertThat(sql.file()).isEqualTo("01_valid_lines.sql");
        assertThat(sql.sql()).startsWith("-- Order lines").contains("FROM orders").doesNotEndWith(";");
        assertThat(config.steps().get(1)).isEqualTo(new DeduplicateStep("unique_lines", "valid_lines",
                List.of("order_id", "line_no"), KeepRow.LAST, List.of("amount_eur")));
        assertThat(config.steps().get(2)).isEqualTo(new AggregateStep("daily", "unique_lines",
                List.of("order_date", "store_country"), List.of(
                        Metric.parse("m", "orders", "count_distinct(order_id)"), Metric.parse("m", "order_lines", "count(*)"),
                        Metric.parse("m", "units", "sum(quantity)"), Metric.parse("m", "revenue_eur", "sum(amount_eur)"))));
        assertThat(config.resultView()).contains("daily");
        assertThat(config.engine()).isEqualTo(Engine.glue(2, GlueWorkerType.G_1X));
        assertThat(config.timeoutMinutes()).isEqualTo(30);
        assertThat(config.retries()).isEqualTo(1);
        assertThat(config.schedule()).isEmpty();
        assertThat(config.sparkJob()).isEmpty();
    }

    @Test
    void leavesOutWhatHasADefault() throws IOException {
        PipelineConfig config = load("minimal", """
                inputs:
                  orders: lake://sales_orders:latest
                output:
                  dataset: daily_sales
                steps:
                  - aggregate:
                      metrics:
                        lines: count(*)
                  - sort:
                      orderBy: lines desc
                """);

        assertThat(config.engine()).isEqualTo(Engine.defaults());
        assertThat(Engine.defaults()).isEqualTo(Engine.glue(Engine.DEFAULT_WORKERS, Engine.DEFAULT_WORKER_TYPE));
        assertThat(Engine.DEFAULT_TYPE).isEqualTo(EngineType.GLUE);
        assertThat(Engine.DEFAULT_WORKERS).isEqualTo(2);
        assertThat(config.timeoutMinutes()).isEqualTo(PipelineConfig.DEFAULT_TIMEOUT_MINUTES).isEqualTo(60);
        assertThat(config.retries()).isEqualTo(PipelineConfig.DEFAULT_RETRIES).isZero();
        assertThat(config.output().mode()).isEqualTo(PipelineOutput.DEFAULT_MODE);
        assertThat(config.liveInputs()).isEmpty();
        // Unnamed declarative steps are named after their kind and place; each reads the one before.
        assertThat(config.steps().get(0)).isEqualTo(new AggregateStep("aggregate_1", "orders", List.of(),
                List.of(Metric.parse("m", "lines", "count(*)"))));
        assertThat(config.steps().get(1)).isEqualTo(new SortStep("sort_2", "aggregate_1",
                List.of(new SortKey("lines", true)), Optional.empty()));
    }

    @Test
    void readsEveryStepKindAndTheOtherEngine() throws IOException {
        PipelineConfig config = load("all_steps", """
                name: all_steps
                inputs:
                  orders: lake://sales_orders:2026-11-20
                  products: lake://products:-1
                output:
                  dataset: sales_enriched
                  mode: new-update
                steps:
                  - name: lines
                    deduplicate: {from: orders, keys: order_id, keep: latest, orderBy: [updated_at, line_no]}
                  - name: with_products
                    join: {right: products, type: left, using: [sku]}
                  - name: on_condition
                    join:
                      left: lines
                      right: products
                      type: anti
                      on: lines.sku = products.sku AND products.active
                      select: [lines.order_id]
                  - name: categorised
                    lookup:
                      from: lines
                      reference: products
                      keys: {product_sku: sku}
                      fields: [category, "brand as product_brand"]
                      joinType: inner
                  - name: by_name
                    lookup: {from: lines, reference: products, keys: [sku], fields: category}
                  - name: masked
                    mask: {columns: [email, phone], strategy: tokenize}
                  - name: sorted
                    sort: {orderBy: ["order_date desc", sku], nulls: last}
                engine:
                  type: emr-serverless
                  maxVcpu: 8
                  maxMemoryGb: 32
                schedule: 30 4 * * MON-FRI
                timeoutMinutes: 120
                retries: 2
                """);

        assertThat(config.inputs()).extracting(PipelineInput::alias).containsExactly("orders", "products");
        assertThat(config.steps()).containsExactly(
                new DeduplicateStep("lines", "orders", List.of("order_id"), KeepRow.LATEST, List.of("updated_at", "line_no")),
                new JoinStep("with_products", "lines", "products", JoinType.LEFT, Optional.empty(), List.of("sku"), List.of()),
                new JoinStep("on_condition", "lines", "products", JoinType.ANTI,
                        Optional.of("lines.sku = products.sku AND products.active"), List.of(), List.of("lines.order_id")),
                new LookupStep("categorised", "lines", "products", Map.of("product_sku", "sku"),
                        Map.of("category", "category", "brand", "product_brand"), true),
                new LookupStep("by_name", "lines", "products", Map.of("sku", "sku"), Map.of("category", "category"), false),
                new MaskStep("masked", "by_name", List.of("email", "phone"), MaskStrategy.TOKENIZE),
                new SortStep("sorted", "masked", List.of(new SortKey("order_date", true), new SortKey("sku", false)),
                        Optional.of(NullOrder.LAST)));
        assertThat(config.engine()).isEqualTo(Engine.emrServerless(8, 32));
        assertThat(config.schedule()).map(Schedule::expression).contains("cron(30 4 ? * MON-FRI *)");
        assertThat(config.timeoutMinutes()).isEqualTo(120);
    }

    @Test
    void readsASparkJob() throws IOException {
        PipelineConfig config = load("churn", """
                inputs:
                  customers: lake://customers:latest
                output:
                  dataset: churn_scores
                sparkJob:
                  class: com.acme.lake.ChurnScores
                  jar: job/target/churn-job.jar
                """);

        assertThat(config.sparkJob()).contains(new SparkJobRef("com.acme.lake.ChurnScores", Optional.of("job/target/churn-job.jar")));
        assertThat(config.steps()).isEmpty();
        assertThat(config.resultView()).isEmpty();
    }

    @Test
    void locatesLaterProblemsAtTheLineOfTheirField() {
        PipelineConfig config = PipelineFiles.load(PIPELINES.resolve("daily_sales"));
        assertThat(config.problem("output.dataset", "no such dataset").toString())
                .matches(".*daily_sales/pipeline_config\\.yaml:11: no such dataset");
    }

    @Test
    void buildsInCodeWithTheSameRules() {
        PipelineConfig.Builder builder = PipelineConfig.builder().name("in_code")
                .input(new PipelineInput("orders", LakeUri.parse("lake://sales_orders")))
                .output(new PipelineOutput("daily_sales", WriteMode.NEW_UPDATE))
                .step(new SortStep("sorted", "nowhere", List.of(new SortKey("a", false)), Optional.empty()));
        assertThatThrownBy(builder::build)
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage("steps[0].sort.from 'nowhere' is not an input or an earlier step's view; it may read orders");
        assertThatThrownBy(() -> PipelineConfig.builder().timeoutMinutes(0))
                .hasMessage("timeoutMinutes must be from 1 to 2880, but 0 was given");
        assertThatThrownBy(() -> PipelineConfig.builder().name("Bad Name"))
                .hasMessage("pipeline name must be 3 to 32 lowercase letters, digits, '_' or '-', starting with a letter"
                        + " and ending with a letter or digit, but 'Bad Name' was given");
    }

    private PipelineConfig load(String name, String yaml) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve(PipelineFiles.CONFIG), yaml);
        return PipelineFiles.load(folder);
    }
}
