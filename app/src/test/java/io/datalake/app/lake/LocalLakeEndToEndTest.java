package io.datalake.app.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.update.UpdateState;
import io.datalake.lambdas.ingest.IngestStep;
import io.datalake.locallake.ApiServer;
import io.datalake.locallake.DemoData;
import io.datalake.locallake.LocalLakeRunner;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local lake end to end, in one process: the CLI onboards datasets into a running lake, files
 * dropped through the S3 API become complete updates through the real ingest handler and the
 * DuckDB conversion, queries see their rows, every REST route answers over HTTP, the lake restarts
 * on the same folder, and a delivery interrupted by a crash completes exactly once after a restart.
 */
class LocalLakeEndToEndTest {
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final LakeNames NAMES = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));
    static final Map<String, List<String>> ROUTES = ApiServer.routesOf(LocalHandlers.openApi(Path.of("..")));
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path folder;

    LocalLakeRunner start(LocalLakeRunner.Handlers handlers) {
        return LocalLakeRunner.start(NAMES, folder, new LocalLakeRunner.Ports(0, 0, 0), handlers, ROUTES,
                new PrintWriter(new StringWriter()), false);
    }

    String lake(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = io.datalake.app.cli.Lake.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(code).as("lake %s: %s", String.join(" ", args), err).isZero();
        return out.toString();
    }

    void drop(LocalLakeRunner runner, String dataset, int rows) throws Exception {
        var spec = DatasetFiles.load(EXAMPLES.resolve(dataset + ".yaml"));
        DemoData.Delivery delivery = DemoData.delivery(spec, rows);
        runner.lake().s3().putObject(r -> r.bucket(NAMES.dropBucket(spec.tier())).key(dataset + "/" + delivery.fileName()),
                RequestBody.fromBytes(delivery.bytes()));
    }

    static List<UpdateRecord> complete(LocalLakeRunner runner, String dataset) {
        return new UpdateRegistry(runner.lake().dynamo(), NAMES).inState(dataset, UpdateState.COMPLETE);
    }

    static void processUntil(LocalLakeRunner runner, java.util.function.BooleanSupplier done) {
        for (int round = 0; round < 20 && !done.getAsBoolean(); round++) {
            runner.process();
        }
        assertThat(done.getAsBoolean()).as("work finished within 20 rounds").isTrue();
    }

    HttpResponse<String> call(LocalLakeRunner runner, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.apiEndpoint() + "/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void dropsBecomeQueryableUpdatesEveryRouteAnswersAndTheLakeSurvivesARestart() throws Exception {
        String dir = folder.toString();
        String config = TestApps.CDK_JSON.toString();
        try (LocalLakeRunner runner = start(new LocalHandlers())) {
            for (String dataset : List.of("sales_orders", "web_events")) {
                assertThat(lake("deploy-dataset", EXAMPLES.resolve(dataset + ".yaml").toString(), "--env", "local",
                        "--dir", dir, "--config", config, "--out", folder.resolve("cdk.out").toString()))
                        .contains("registered dataset " + dataset + " in the local lake")
                        .contains("IAM and Glue have no local stand-in");
            }
            drop(runner, "sales_orders", 500);
            drop(runner, "web_events", 200);
            processUntil(runner, () -> complete(runner, "sales_orders").size() == 1 && complete(runner, "web_events").size() == 1);
            assertThat(complete(runner, "sales_orders").get(0).rowCount()).isEqualTo(500L);

            String sums = lake("query", "SELECT count(*) AS n, sum(quantity) AS quantity, sum(amount_eur) AS revenue,"
                    + " count(DISTINCT store_country) AS countries FROM sales_orders", "--dir", dir, "--config", config, "--format", "csv");
            // 500 rows: quantity row%10+1 sums to 50 x 55 = 2750; amount row%50+1.25 sums to 10 x 1287.5 = 12875.
            assertThat(sums.lines()).containsExactly("n,quantity,revenue,countries", "500,2750,12875.00,5");
            assertThat(lake("query", "SELECT count(*) FROM web_events", "--dir", dir, "--config", config, "--format", "json"))
                    .contains("200");

            // Every route of the REST API, over HTTP, through the same handler as on AWS.
            String update = complete(runner, "sales_orders").get(0).update().toString();
            assertThat(call(runner, "GET", "/datasets", null).body()).contains("sales_orders").contains("web_events");
            assertThat(call(runner, "GET", "/datasets/sales_orders", null).statusCode()).isEqualTo(200);
            JsonNode page = JSON.readTree(call(runner, "GET", "/datasets/sales_orders/updates?limit=10", null).body());
            assertThat(page.toString()).contains(update);
            HttpResponse<String> manifest = call(runner, "GET", "/datasets/sales_orders/updates/" + update, null);
            assertThat(manifest.statusCode()).isEqualTo(200);
            assertThat(manifest.body()).contains("\"state\"").contains("complete").contains("\"rowCount\"");
            assertThat(call(runner, "GET", "/datasets/sales_orders/lineage", null).statusCode()).isEqualTo(200);
            assertThat(call(runner, "GET", "/runs", null).statusCode()).isEqualTo(200);

            runner.lake().s3().putObject(r -> r.bucket(NAMES.artifactBucket()).key("incoming/orders.csv.gz"),
                    RequestBody.fromBytes(DemoData.delivery(DatasetFiles.load(EXAMPLES.resolve("sales_orders.yaml")), 10).bytes()));
            HttpResponse<String> accepted = call(runner, "POST", "/datasets/sales_orders/updates",
                    "{\"source\": \"s3://" + NAMES.artifactBucket() + "/incoming/orders.csv.gz\"}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            processUntil(runner, () -> complete(runner, "sales_orders").size() == 2);
            // A dataset's name reads its latest update; a lake:// address any other, as on Athena.
            String versions = lake("query", "SELECT (SELECT count(*) FROM sales_orders) AS latest,"
                    + " (SELECT count(*) FROM \"lake://sales_orders:0\") AS first", "--dir", dir, "--config", config,
                    "--format", "csv");
            assertThat(versions.lines()).containsExactly("latest,first", "10,500");

            String principal = "arn:aws:iam::123456789012:role/analysts";
            HttpResponse<String> granted = call(runner, "POST", "/datasets/sales_orders/grants",
                    "{\"principal\": \"" + principal + "\", \"level\": \"read\"}");
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
            assertThat(Files.readString(folder.resolve("iam").resolve(NAMES.datasetRole("sales_orders",
                    io.datalake.core.AccessLevel.READ) + ".json"))).contains(principal);
            assertThat(call(runner, "DELETE", "/datasets/sales_orders/grants/" + URLEncoder.encode(principal, StandardCharsets.UTF_8), null)
                    .statusCode()).as("revoke, as the OpenAPI file says").isEqualTo(200);

            // Bad input gets the same clear errors as on AWS.
            HttpResponse<String> unknown = call(runner, "GET", "/datasets/nothing_here", null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("nothing_here");
            HttpResponse<String> invalid = call(runner, "POST", "/datasets/sales_orders/updates", "{\"source\": 42}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.body()).contains("source");
        }

        try (LocalLakeRunner restarted = start(new LocalHandlers())) {
            assertThat(complete(restarted, "sales_orders")).hasSize(2);
            assertThat(lake("datasets", "--dir", dir, "--config", config)).contains("sales_orders").contains("web_events");
            assertThat(lake("info", "sales_orders:0", "--dir", dir, "--config", config)).contains("rows:       500");
        }
    }

    @Test
    void aDeliveryInterruptedByACrashCompletesExactlyOnceAfterARestart() throws Exception {
        LocalHandlers crashing = new LocalHandlers((step, delivery) -> {
            if (step == IngestStep.COPIED) {
                throw new IllegalStateException("killed after copying");
            }
        });
        try (LocalLakeRunner runner = start(crashing)) {
            new LocalOnboarding(runner.lake().s3(), runner.lake().dynamo(), NAMES).onboard(
                    DatasetFiles.load(EXAMPLES.resolve("sales_orders.yaml")), LocalOnboarding.specJson(EXAMPLES.resolve("sales_orders.yaml")));
            drop(runner, "sales_orders", 50);
            runner.process();
            assertThat(complete(runner, "sales_orders")).isEmpty();
        }
        try (LocalLakeRunner runner = start(new LocalHandlers())) {
            processUntil(runner, () -> complete(runner, "sales_orders").size() == 1);
            runner.process();
            assertThat(complete(runner, "sales_orders")).hasSize(1);
            assertThat(new UpdateRegistry(runner.lake().dynamo(), NAMES).page("sales_orders", 10, null).items()).hasSize(1);
            Path raw = runner.lake().bucketFolder(NAMES.dataBucket(Tier.INTERNAL)).resolve("sales_orders/raw");
            try (Stream<Path> updates = Files.list(raw)) {
                assertThat(updates).hasSize(1);
            }
            assertThat(runner.lake().s3().listObjectsV2(r -> r.bucket(NAMES.dropBucket(Tier.INTERNAL)).prefix("sales_orders/"))
                    .contents()).allMatch(o -> o.key().endsWith("/"));
        }
    }
}
