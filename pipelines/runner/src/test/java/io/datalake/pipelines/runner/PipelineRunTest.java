package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.Column;
import io.datalake.core.dataset.ColumnType;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.dataset.DeliveredFormat;
import io.datalake.core.dataset.FileType;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.pipelines.model.PipelineConfig;
import io.datalake.pipelines.model.PipelineFiles;
import io.datalake.registry.RunRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines run in Spark's local mode against a lake folder, end to end: inputs to committed update. */
class PipelineRunTest {
    static final Path PIPELINES = Path.of("..");
    static final DatasetSpec SALES_ORDERS = TestLakeFolder.example("sales_orders");
    static final DatasetSpec DAILY_SALES = TestLakeFolder.example("daily_sales");

    @TempDir
    Path dir;
    TestLakeFolder lake;

    @BeforeEach
    void lake() {
        lake = new TestLakeFolder(dir.resolve("lake"));
    }

    static Row order(long id, int line, String date, String sku, int quantity, String price, String amount, String country) {
        return RowFactory.create(id, line, Date.valueOf(date), sku, quantity, new BigDecimal(price),
                amount == null ? null : new BigDecimal(amount), country);
    }

    @Test
    void theExampleSqlPipelineTurnsOrderLinesIntoDailySales() throws IOException {
        UpdateId orders = lake.complete(SALES_ORDERS, List.of(
                order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "de"),
                order(1, 2, "2026-11-20", "B", 1, "5.50", "5.50", "DE"),
                order(1, 2, "2026-11-20", "B", 1, "5.50", "6.00", "DE"), // repeated line: the larger amount stays
                order(2, 1, "2026-11-20", "A", 0, "10.00", "0.00", "FR"), // no quantity: not a sale
                order(3, 1, "2026-11-20", "C", 3, "1.00", "3.00", "FR"),
                order(4, 1, "2026-11-21", "A", 1, "10.00", "10.00", " de "),
                order(5, 1, "2026-11-21", "B", 2, "2.50", null, "DE"), // no amount
                order(6, 1, "2026-11-21", "C", 1, "4.00", "4.00", ""))); // no country
        PipelineConfig config = PipelineFiles.load(PIPELINES.resolve("daily_sales"));
        UpdateId runId = lake.nextId();

        RunResult result = new PipelineRun(lake.context(List.of(SALES_ORDERS, DAILY_SALES), Optional.empty())).run(config, runId);

        assertThat(result.dataset()).isEqualTo("daily_sales");
        assertThat(result.update()).isEqualTo(runId);
        assertThat(result.rows()).isEqualTo(3);
        assertThat(result.upstreams()).containsExactly(new UpstreamRef("sales_orders", orders));
        assertThat(lake.rows(DAILY_SALES, runId, "order_date, store_country")).containsExactly(
                RowFactory.create(Date.valueOf("2026-11-20"), "DE", 1L, 2L, 3L, new BigDecimal("26.00")),
                RowFactory.create(Date.valueOf("2026-11-20"), "FR", 1L, 1L, 3L, new BigDecimal("3.00")),
                RowFactory.create(Date.valueOf("2026-11-21"), "DE", 1L, 1L, 1L, new BigDecimal("10.00")));

        UpdateManifest manifest = lake.manifest(DAILY_SALES, runId);
        assertThat(manifest.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(manifest.upstreams()).containsExactly(new UpstreamRef("sales_orders", orders));
        assertThat(manifest.rowCount()).hasValue(3);
        assertThat(manifest.source()).isEqualTo(new UpdateSource(UpdateSource.Kind.PIPELINE, null, "daily_sales", runId.toString()));
        assertThat(manifest.dataFiles()).isNotEmpty().allSatisfy(file -> {
            assertThat(file.path()).endsWith(".parquet").doesNotStartWith(".");
            byte[] bytes = Files.readAllBytes(lake.bucket(DAILY_SALES).resolve("daily_sales/data/" + runId + "/" + file.path()));
            assertThat(file.size()).isEqualTo(bytes.length);
            assertThat(file.sha256()).isEqualTo(TestLakeFolder.sha256(bytes));
        });
        // Nothing but Parquet in the update's folder: no _SUCCESS, no .crc.
        try (var files = Files.walk(lake.bucket(DAILY_SALES).resolve("daily_sales/data/" + runId))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .allSatisfy(name -> assertThat(name).endsWith(".parquet"));
        }
        assertThat(lake.changed).containsExactly(manifest);
        assertThat(lake.runs).extracting(RunRecord::pipeline, RunRecord::runId, RunRecord::state, RunRecord::rows)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("daily_sales", runId.toString(), RunRecord.RUNNING, null),
                        org.assertj.core.groups.Tuple.tuple("daily_sales", runId.toString(), RunRecord.SUCCEEDED, 3L));
        assertThat(lake.runs.get(1).endedAt()).isNotNull();
    }

    @Test
    void theEntryPointGlueCallsRunsAPipelineFolderAsDeployedWithItsDatasetFilesBesideIt() throws IOException {
        lake.complete(SALES_ORDERS, List.of(order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        // The artifact bucket as the deployment leaves it: the pipeline's files, and its datasets' files in datasets/.
        Path deployed = Files.createDirectories(dir.resolve("artifacts/pipelines/daily_sales/datasets"));
        try (var files = Files.list(PIPELINES.resolve("daily_sales"))) {
            for (Path file : files.toList()) {
                Files.copy(file, deployed.getParent().resolve(file.getFileName()));
            }
        }
        for (String dataset : List.of("sales_orders", "daily_sales")) {
            Files.copy(TestLakeFolder.EXAMPLES.resolve(dataset + ".yaml"), deployed.resolve(dataset + ".yaml"));
        }
        RunnerArgs args = RunnerArgs.parse(new String[] {"--JOB_NAME", "acme-datalake-test-pl-daily_sales",
                "--command", "run-pipeline", "--pipeline", "daily_sales",
                "--pipeline-dir", deployed.getParent().toUri().toString(),
                "--org", "acme", "--env", "test", "--region", "eu-west-1",
                "--storage-root", lake.dir.toUri().toString(), "--registry", "none", "--events", "none"});

        RunResult result = PipelineRunner.run(args, lake.spark);

        assertThat(result.dataset()).isEqualTo("daily_sales");
        assertThat(result.rows()).isEqualTo(1);
        assertThat(lake.manifest(DAILY_SALES, result.update()).state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(PipelineRunner.describe(result)).startsWith("daily_sales@" + result.update() + ": 1 row(s) in 1 file(s),"
                + " from sales_orders@");
    }

    static final DatasetSpec CUSTOMER_ORDERS = dataset("customer_orders", Tier.INTERNAL,
            Column.of("order_id", ColumnType.BIGINT), Column.of("customer_id", ColumnType.BIGINT),
            Column.of("amount", ColumnType.decimal(10, 2)), Column.of("updated_at", ColumnType.TIMESTAMP));
    static final DatasetSpec CUSTOMERS = dataset("customers", Tier.RESTRICTED,
            Column.of("customer_id", ColumnType.BIGINT), Column.of("email", ColumnType.STRING),
            Column.of("country", ColumnType.STRING));
    static final DatasetSpec REVENUE = dataset("customer_revenue", Tier.RESTRICTED,
            Column.of("country", ColumnType.STRING), Column.of("email", ColumnType.STRING),
            Column.of("orders", ColumnType.BIGINT), Column.of("revenue", ColumnType.decimal(20, 2)));

    static DatasetSpec dataset(String name, Tier tier, Column... columns) {
        return DatasetSpec.builder().name(name).tier(tier).owner("team-test").description("test data")
                .format(DeliveredFormat.of(FileType.PARQUET)).schema(List.of(columns)).build();
    }

    static Row customerOrder(long id, long customer, String amount, String at) {
        return RowFactory.create(id, customer, new BigDecimal(amount), Timestamp.valueOf(at));
    }

    @Test
    void aDeclarativePipelineDeduplicatesJoinsMasksAndAggregates() throws IOException {
        UpdateId orders = lake.complete(CUSTOMER_ORDERS, List.of(
                customerOrder(1, 10, "5.00", "2026-11-20 08:00:00"),
                customerOrder(1, 10, "7.00", "2026-11-20 09:00:00"), // the later version of order 1 wins
                customerOrder(2, 10, "3.00", "2026-11-20 10:00:00"),
                customerOrder(3, 20, "4.00", "2026-11-20 11:00:00"),
                customerOrder(4, 30, "1.00", "2026-11-20 12:00:00"))); // customer 30 is unknown
        lake.complete(CUSTOMERS, List.of(RowFactory.create(99L, "old@example.com", "FR")));
        UpdateId customers = lake.complete(CUSTOMERS, List.of(
                RowFactory.create(10L, "ann@example.com", "DE"),
                RowFactory.create(20L, "bob@example.com", "FR")));
        Path folder = pipeline("customer_revenue", """
                inputs:
                  orders: lake://customer_orders
                  customers: lake://customers:latest
                output:
                  dataset: customer_revenue
                steps:
                  - name: latest_orders
                    deduplicate: {from: orders, keys: [order_id], keep: latest, orderBy: updated_at}
                  - name: with_customer
                    join: {right: customers, type: left, using: [customer_id]}
                  - name: masked
                    mask: {columns: [email], strategy: hash}
                  - name: revenue
                    aggregate:
                      groupBy: [country, email]
                      metrics:
                        orders: count(*)
                        revenue: sum(amount)
                """);

        UpdateId runId = lake.nextId();
        RunResult result = new PipelineRun(lake.context(List.of(CUSTOMER_ORDERS, CUSTOMERS, REVENUE), Optional.empty()))
                .run(PipelineFiles.load(folder), runId);

        assertThat(lake.rows(REVENUE, runId, "revenue")).containsExactly(
                RowFactory.create(null, null, 1L, new BigDecimal("1.00")),
                RowFactory.create("FR", sha256Hex("bob@example.com"), 1L, new BigDecimal("4.00")),
                RowFactory.create("DE", sha256Hex("ann@example.com"), 2L, new BigDecimal("10.00")));
        assertThat(lake.manifest(REVENUE, runId).upstreams()).containsExactly(
                new UpstreamRef("customer_orders", orders), new UpstreamRef("customers", customers));
        assertThat(result.rows()).isEqualTo(3);
    }

    @Test
    void tokenizeNeedsAKeyAndGivesKeyedTokens() throws IOException {
        lake.complete(CUSTOMERS, List.of(RowFactory.create(10L, "ann@example.com", "DE"),
                RowFactory.create(20L, null, "FR")));
        DatasetSpec tokens = dataset("customer_tokens", Tier.RESTRICTED, Column.of("customer_id", ColumnType.BIGINT),
                Column.of("email", ColumnType.STRING), Column.of("country", ColumnType.STRING));
        PipelineConfig config = PipelineFiles.load(pipeline("customer_tokens", """
                inputs:
                  customers: lake://customers
                output:
                  dataset: customer_tokens
                steps:
                  - mask: {columns: [email], strategy: tokenize}
                """));

        assertThatThrownBy(() -> new PipelineRun(lake.context(List.of(CUSTOMERS, tokens), Optional.empty()))
                .run(config, lake.nextId()))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("pipeline customer_tokens masks with tokenize, which needs a token key: set LAKE_TOKEN_KEY"
                        + " locally, or give the job --token-key-secret on AWS");

        UpdateId runId = lake.nextId();
        byte[] key = "a test key of 32 bytes, no more!".getBytes(StandardCharsets.UTF_8);
        new PipelineRun(lake.context(List.of(CUSTOMERS, tokens), Optional.of(key))).run(config, runId);
        List<Row> rows = lake.rows(tokens, runId, "customer_id");
        assertThat(rows.get(0).getString(1)).isEqualTo("tok_" + hmacHex(key, "ann@example.com").substring(0, 32));
        assertThat(rows.get(1).isNullAt(1)).isTrue();
    }

    @Test
    void aFailedRunIsRecordedWithItsReasonAndCommitsNothing() throws IOException {
        lake.complete(SALES_ORDERS, List.of(order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineConfig config = PipelineFiles.load(pipeline("broken", """
                inputs:
                  orders: lake://sales_orders
                output:
                  dataset: daily_sales
                steps:
                  - name: daily
                    aggregate:
                      groupBy: [order_day]
                      metrics:
                        revenue_eur: sum(amount_eur)
                """));
        UpdateId runId = lake.nextId();

        assertThatThrownBy(() -> new PipelineRun(lake.context(List.of(SALES_ORDERS, DAILY_SALES), Optional.empty()))
                .run(config, runId))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("step 'daily' (aggregate): column 'order_day' is not in orders, which has order_id, line_no,"
                        + " order_date, product_sku, quantity, unit_price_eur, amount_eur, store_country");
        assertThat(lake.runs).extracting(RunRecord::state).containsExactly(RunRecord.RUNNING, RunRecord.FAILED);
        assertThat(lake.runs.get(1).error()).startsWith("step 'daily' (aggregate): column 'order_day'");
        assertThat(lake.storage.manifest(DAILY_SALES.tier(), "daily_sales", runId)).isEmpty();
        assertThat(lake.changed).isEmpty();
    }

    @Test
    void aRunIdGivenAgainIsRefusedAndTheCommittedUpdateStaysAsItWas() {
        lake.complete(SALES_ORDERS, List.of(order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineConfig config = PipelineFiles.load(PIPELINES.resolve("daily_sales"));
        UpdateId runId = lake.nextId();
        new PipelineRun(lake.context(List.of(SALES_ORDERS, DAILY_SALES), Optional.empty())).run(config, runId);
        UpdateManifest committed = lake.manifest(DAILY_SALES, runId);

        assertThatThrownBy(() -> new PipelineRun(lake.context(List.of(SALES_ORDERS, DAILY_SALES), Optional.empty()))
                .run(config, runId))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("run id " + runId + " was used before: update daily_sales@" + runId
                        + " is complete and cannot become receiving; complete is final");
        assertThat(lake.manifest(DAILY_SALES, runId)).isEqualTo(committed);
        assertThat(lake.rows(DAILY_SALES, runId, "order_date")).hasSize(1);
    }

    @Test
    void namesWhatIsWrongWithTheSqlAndTheResult() throws IOException {
        lake.complete(SALES_ORDERS, List.of(order(1, 1, "2026-11-20", "A", 2, "10.00", "20.00", "DE")));
        PipelineRun run = new PipelineRun(lake.context(List.of(SALES_ORDERS, DAILY_SALES), Optional.empty()));
        Path badSql = pipeline("bad_sql", """
                inputs:
                  orders: lake://sales_orders
                output:
                  dataset: daily_sales
                steps:
                  - sql: totals.sql
                """);
        Files.writeString(badSql.resolve("totals.sql"), "SELECT order_dat, count(*) AS n FROM orders GROUP BY order_dat");
        assertThatThrownBy(() -> run.run(PipelineFiles.load(badSql), lake.nextId()))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("step 'totals' (totals.sql): [UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or"
                        + " function parameter with name `order_dat` cannot be resolved.")
                .hasMessageNotContaining("\n");

        Files.writeString(badSql.resolve("totals.sql"), "SELECT order_date, count(*) AS orders FROM orders GROUP BY order_date");
        assertThatThrownBy(() -> run.run(PipelineFiles.load(badSql), lake.nextId()))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("the result of pipeline bad_sql does not match the schema of dataset daily_sales: it lacks"
                        + " store_country, order_lines, units, revenue_eur (declared: order_date, store_country, orders,"
                        + " order_lines, units, revenue_eur)");

        Files.writeString(badSql.resolve("totals.sql"), """
                SELECT order_date, store_country, 1 AS orders, 1 AS order_lines, 1 AS units, amount_eur AS revenue_eur,
                       'x' AS note
                FROM orders""");
        assertThatThrownBy(() -> run.run(PipelineFiles.load(badSql), lake.nextId()))
                .hasMessageEndingWith("it has note, which the dataset does not declare (declared: order_date, store_country,"
                        + " orders, order_lines, units, revenue_eur)");

        Files.writeString(badSql.resolve("totals.sql"), """
                SELECT CAST(NULL AS DATE) AS order_date, store_country, 1 AS orders, 1 AS order_lines, 1 AS units,
                       amount_eur AS revenue_eur
                FROM orders""");
        assertThatThrownBy(() -> run.run(PipelineFiles.load(badSql), lake.nextId()))
                .hasMessage("the result of pipeline bad_sql has no value in columns dataset daily_sales declares"
                        + " nullable: false: order_date (1 row)");
    }

    @Test
    void resolvesInputTagsAmongCompleteUpdatesOnly() throws IOException {
        UpdateId first = lake.complete(CUSTOMERS, List.of(RowFactory.create(1L, "a@example.com", "DE")));
        UpdateId second = lake.complete(CUSTOMERS, List.of(RowFactory.create(2L, "b@example.com", "FR")));
        // A later update whose conversion has not finished is invisible to readers.
        lake.rawComplete(CUSTOMERS, java.util.Map.of("c.csv", "customer_id,email,country\n3,c@x,IT\n".getBytes(StandardCharsets.UTF_8)));
        DatasetSpec copy = dataset("customer_copy", Tier.RESTRICTED, CUSTOMERS.schema().toArray(Column[]::new));
        RunContext context = lake.context(List.of(CUSTOMERS, copy), Optional.empty());
        for (String tag : List.of("", ":latest", ":0", ":-2", ":2026-11-21")) {
            PipelineConfig config = PipelineFiles.load(pipeline("customer_copy", "inputs:\n  customers: lake://customers" + tag
                    + "\noutput:\n  dataset: customer_copy\nsteps:\n  - sort: {orderBy: customer_id}\n"));
            RunResult result = new PipelineRun(context).run(config, lake.nextId());
            assertThat(result.upstreams()).as(tag).containsExactly(new UpstreamRef("customers",
                    tag.equals(":0") || tag.equals(":-2") ? first : second));
        }
        PipelineConfig none = PipelineFiles.load(pipeline("customer_copy", "inputs:\n  customers: lake://customers:5\n"
                + "output:\n  dataset: customer_copy\nsteps:\n  - sort: {orderBy: customer_id}\n"));
        assertThatThrownBy(() -> new PipelineRun(context).run(none, lake.nextId()))
                .hasMessage("input customers (lake://customers:5) selects no update: dataset customers has 2 complete"
                        + " update(s), from " + first + " to " + second);
    }

    @Test
    void aJavaJobComputesTheOutputFromTheResolvedInputs() throws IOException {
        lake.complete(CUSTOMERS, List.of(RowFactory.create(10L, "ann@example.com", "DE"),
                RowFactory.create(20L, "bob@example.com", "FR"), RowFactory.create(30L, "cy@example.com", "FR")));
        DatasetSpec counts = dataset("country_counts", Tier.RESTRICTED, Column.of("country", ColumnType.STRING),
                Column.of("customers", ColumnType.INT));
        PipelineConfig config = PipelineFiles.load(pipeline("country_counts", """
                inputs:
                  people: lake://customers:latest
                output:
                  dataset: country_counts
                sparkJob:
                  class: io.datalake.pipelines.runner.CountryCountsJob
                """));
        UpdateId runId = lake.nextId();
        new PipelineRun(lake.context(List.of(CUSTOMERS, counts), Optional.empty())).run(config, runId);
        // The job counts as a bigint; the output declares int, and the runner casts.
        assertThat(lake.rows(counts, runId, "country")).containsExactly(RowFactory.create("DE", 1), RowFactory.create("FR", 2));
    }

    private Path pipeline(String name, String config) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pipelines").resolve(name));
        Files.writeString(folder.resolve(PipelineFiles.CONFIG), config);
        return folder;
    }

    static String sha256Hex(String value) {
        return TestLakeFolder.sha256(value.getBytes(StandardCharsets.UTF_8));
    }

    static String hmacHex(byte[] key, String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
