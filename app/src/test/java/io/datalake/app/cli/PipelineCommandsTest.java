package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.CdkConfig;
import io.datalake.app.TestApps;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.local.LocalDynamo;
import io.datalake.registry.RegistrySchema;
import io.datalake.registry.RunRecord;
import io.datalake.registry.RunRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * convert-update, run-pipeline, runs and validate-pipelines through picocli: the example pipeline end
 * to end against the local lake, from a delivered CSV (converted by the runner) to the committed daily
 * aggregate in its registry. Each run starts the runner with Spark in a JVM of its own, as the CLI does.
 */
class PipelineCommandsTest {
    static final String CONFIG = TestApps.CDK_JSON.toString();
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment("dev"));
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final LakeNames LOCAL = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment("local"));

    @TempDir
    Path lake;

    @Test
    void runsTheExamplePipelineAgainstTheLocalLakeWhoseRegistryRecordsTheRunAndTheUpdate() throws Exception {
        Path buckets = lake.resolve("s3");
        CliRun notDeployed = CliRun.lake("run-pipeline", "daily_sales", "--env", "local", "--config", CONFIG, "--dir",
                lake.toString());
        assertThat(notDeployed.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(notDeployed.err).isEqualTo("lake: dataset sales_orders is not deployed to the local lake; deploy it first"
                + " with lake deploy-dataset <its file> --env local\n");
        for (String dataset : List.of("sales_orders", "daily_sales")) {
            CliRun deploy = CliRun.lake("deploy-dataset", EXAMPLES.resolve(dataset + ".yaml").toString(), "--env", "local",
                    "--config", CONFIG, "--dir", lake.toString());
            assertThat(deploy.exitCode).as(deploy.err).isZero();
        }
        UpdateId orders = deliverSalesOrders(buckets);
        CliRun convert = CliRun.lake("convert-update", "sales_orders", orders.toString(), "--env", "local", "--config", CONFIG,
                "--dir", lake.toString());
        assertThat(convert.exitCode).as(convert.err).isZero();
        assertThat(convert.out).contains("committed sales_orders@" + orders + ": 5 row(s)");

        CliRun run = CliRun.lake("run-pipeline", "daily_sales", "--env", "local", "--config", CONFIG, "--dir", lake.toString());

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).startsWith("running pipeline daily_sales in Spark local mode against the local lake in " + lake
                + " (local)\n").contains("done in ");
        Matcher committed = Pattern.compile("committed daily_sales@(\\S+): 3 row\\(s\\) in \\d+ file\\(s\\), from sales_orders@"
                + orders + ", [0-9.]+ s").matcher(run.out);
        assertThat(committed.find()).as(run.out).isTrue();
        UpdateId output = UpdateId.parse(committed.group(1));
        Path manifest = buckets.resolve(LOCAL.dataBucket(Tier.INTERNAL)).resolve(DatasetLayout.manifestKey("daily_sales", output));
        UpdateManifest written = UpdateManifest.fromJson(Files.readString(manifest));
        assertThat(written.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(written.upstreams()).containsExactly(new UpstreamRef("sales_orders", orders));
        assertThat(written.rowCount()).hasValue(3);

        // The local lake's registry saw the run and the update, as on AWS.
        CliRun runs = CliRun.lake("runs", "--env", "local", "--config", CONFIG, "--dir", lake.toString());
        assertThat(runs.exitCode).as(runs.err).isZero();
        assertThat(runs.out).contains("RUN", "PIPELINE", "STATE", "ROWS")
                .containsPattern(output + "\\s+daily_sales\\s+succeeded\\s+\\S+\\s+[0-9.]+ s\\s+3");
        CliRun updates = CliRun.lake("updates", "daily_sales", "--env", "local", "--config", CONFIG, "--dir", lake.toString());
        assertThat(updates.exitCode).as(updates.err).isZero();
        assertThat(updates.out).contains(output.toString()).contains("complete");
        // Lineage both ways: the output names its upstream update, the input records its consumer.
        try (io.datalake.locallake.LocalLake opened = io.datalake.locallake.LocalLake.start(LOCAL, lake, 0, 0)) {
            assertThat(new io.datalake.registry.DatasetRegistry(opened.dynamo(), LOCAL).downstreams("sales_orders"))
                    .containsExactly("daily_sales");
        }
        CliRun made = CliRun.lake("info", "daily_sales:latest", "--env", "local", "--config", CONFIG, "--dir", lake.toString());
        assertThat(made.out).contains("  upstreams:  [sales_orders@" + orders + "]").contains("  downstreams: none recorded\n");
    }

    @Test
    void namesTheMistakeWithExitCodeTwo() throws IOException {
        CliRun unknown = CliRun.lake("run-pipeline", "daily_sale", "--env", "dev", "--config", CONFIG,
                "--lake-dir", lake.toString());
        assertThat(unknown.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(unknown.err).startsWith("lake: no pipeline 'daily_sale' in ").contains("did you mean 'daily_sales'?");

        CliRun noData = CliRun.lake("run-pipeline", "daily_sales", "--env", "dev", "--config", CONFIG,
                "--lake-dir", lake.toString());
        assertThat(noData.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(noData.err).isEqualTo("lake: input orders (lake://sales_orders) selects no update: dataset sales_orders has"
                + " no complete update yet\n");
        assertThat(lake.resolve("_registry/runs.jsonl")).content().contains("\"state\":\"failed\"");

        CliRun onAws = CliRun.lake("run-pipeline", "daily_sales", "--env", "dev", "--config", CONFIG);
        assertThat(onAws.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(onAws.err).isEqualTo("lake: environment dev runs on AWS: run against --env local (the lake of lake local)"
                + " or give a lake folder with --lake-dir DIR\n");

        CliRun missing = CliRun.lake("run-pipeline", "daily_sales", "--env", "dev", "--config", CONFIG,
                "--lake-dir", lake.resolve("nope").toString());
        assertThat(missing.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(missing.err).isEqualTo("lake: --lake-dir " + lake.resolve("nope") + " is not a folder\n");

        Path bad = Files.createDirectories(lake.resolve("pipelines/broken"));
        Files.writeString(bad.resolve("pipeline_config.yaml"), "inputs:\n  orders: lake://sales_orders\noutput:\n"
                + "  dataset: nowhere\nsteps:\n  - sql: missing.sql\n");
        CliRun validate = CliRun.lake("validate-pipelines", "--env", "dev", "--config", CONFIG,
                "--pipelines", lake.resolve("pipelines").toString());
        assertThat(validate.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(validate.err).isEqualTo(bad.resolve("pipeline_config.yaml") + ":6: steps[0].sql 'missing.sql' is not a"
                + " file of the pipeline's folder\n");
    }

    @Test
    void validatesTheRepositorysPipelines() {
        CliRun run = CliRun.lake("validate-pipelines", "--env", "dev", "--config", CONFIG);
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("ok pipeline daily_sales (1 input(s) -> daily_sales, 3 step(s), glue, 2 x G.1X)")
                .contains("1 pipeline(s), 0 job(s) valid");
    }

    @Test
    void listsTheRunsOfTheEnvironmentsRunsTable() {
        try (LocalDynamo local = LocalDynamo.start(); DynamoDbClient dynamo = local.client()) {
            RegistrySchema.create(dynamo, NAMES, RegistryTable.RUNS);
            Instant t0 = Instant.parse("2026-11-21T10:00:00Z");
            RunRegistry runs = new RunRegistry(dynamo, NAMES);
            runs.record(new RunRecord("daily_sales", "2026-11-21T100000Z-0001", RunRecord.SUCCEEDED, t0,
                    t0.plusSeconds(42), 3L, null));
            runs.record(new RunRecord("daily_sales", "2026-11-22T100000Z-0002", RunRecord.FAILED, t0.plusSeconds(86400),
                    t0.plusSeconds(86401), null, "step 'daily' (aggregate): column 'x' is not in orders"));
            LakeRuntime runtime = new LakeRuntime(region -> null, region -> local.client(), region -> S3Client.builder()
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1).build(), region -> null, region -> null, Duration.ofMillis(1),
                    new BufferedReader(new StringReader("")));
            CliRun run = CliRun.of(Lake.commandLine(runtime), "runs", "daily_sales", "--env", "dev", "--config", CONFIG);
            assertThat(run.exitCode).as(run.err).isZero();
            String[] lines = run.out.split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[1]).startsWith("2026-11-22T100000Z-0002").contains("failed", "1.0 s",
                    "step 'daily' (aggregate): column 'x' is not in orders");
            assertThat(lines[2]).startsWith("2026-11-21T100000Z-0001").contains("succeeded", "2026-11-21T10:00:00Z", "42.0 s", " 3");
        }
    }

    /** A CSV delivery of sales_orders, raw-complete as ingest leaves it in the local lake's buckets. */
    private UpdateId deliverSalesOrders(Path buckets) throws Exception {
        UpdateId update = UpdateId.parse("2026-11-21T020000Z-0a0b");
        byte[] csv = """
                order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country
                1,1,2026-11-20,A,2,10.00,20.00,de
                1,2,2026-11-20,B,1,5.50,5.50,DE
                2,1,2026-11-20,A,0,10.00,0.00,FR
                3,1,2026-11-20,C,3,1.00,3.00,FR
                4,1,2026-11-21,A,1,10.00,10.00, de
                """.getBytes(StandardCharsets.UTF_8);
        Path bucket = buckets.resolve(LOCAL.dataBucket(Tier.INTERNAL));
        Path raw = bucket.resolve(DatasetLayout.rawPrefix("sales_orders", update)).resolve("orders.csv");
        Files.createDirectories(raw.getParent());
        Files.write(raw, csv);
        UpdateManifest manifest = UpdateManifest.builder().dataset("sales_orders").update(update)
                .state(UpdateState.RAW_COMPLETE).source(new UpdateSource(UpdateSource.Kind.DROP, "drop", "orders.csv", "1"))
                .createdAt(Instant.parse("2026-11-21T02:00:00Z"))
                .rawFile(new ManifestFile("orders.csv", csv.length,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv))))
                .build();
        Path key = bucket.resolve(manifest.key());
        Files.createDirectories(key.getParent());
        Files.writeString(key, manifest.toJson());
        return update;
    }
}
