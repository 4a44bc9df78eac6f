package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.datalake.core.DatasetLayout;
import io.datalake.core.Environment;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import io.datalake.core.query.QueryResult;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** The local lake's parts, each against the real stand-ins, without the Lambda handlers. */
class LocalLakeTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("local").region("eu-west-1").build());
    @TempDir
    static Path folder;
    static LocalLake lake;

    @BeforeAll
    static void start() {
        lake = LocalLake.start(NAMES, folder, 0, 0);
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @Test
    void createsEveryBucketAndRegistryTableAndKeepsThemAcrossRestarts() {
        assertThat(lake.s3().listBuckets().buckets()).extracting(b -> b.name())
                .contains("acme-datalake-local-internal-eu-west-1", "acme-datalake-drop-local-sensitive-eu-west-1",
                        "acme-datalake-local-artifacts-eu-west-1", "acme-datalake-local-athena-results-eu-west-1");
        assertThat(lake.dynamo().listTables().tableNames()).contains(NAMES.registryTable(RegistryTable.DELIVERIES));
        assertThat(Files.isDirectory(folder.resolve("s3/acme-datalake-local-internal-eu-west-1"))).isTrue();
    }

    @Test
    void apiServerTurnsHttpIntoProxyEventsWithTheMatchedRoute() throws Exception {
        List<APIGatewayProxyRequestEvent> seen = new ArrayList<>();
        try (ApiServer api = ApiServer.start(event -> {
            seen.add(event);
            return new APIGatewayProxyResponseEvent().withStatusCode(202).withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"ok\":true}");
        }, List.of("/datasets", "/datasets/{name}/grants/{principal}"), 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api.endpoint()
                    + "/v1/datasets/sales/grants/arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fx?dryRun=yes"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()).header("Idempotency-Key", "k1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.body()).isEqualTo("{\"ok\":true}");
            APIGatewayProxyRequestEvent event = seen.get(0);
            assertThat(event.getResource()).isEqualTo("/datasets/{name}/grants/{principal}");
            assertThat(event.getPathParameters()).containsEntry("name", "sales").containsEntry("principal", "arn:aws:iam::1:role/x");
            assertThat(event.getHttpMethod()).isEqualTo("DELETE");
            assertThat(event.getQueryStringParameters()).containsEntry("dryRun", "yes");
            assertThat(event.getHeaders().get("Idempotency-Key")).isEqualTo("k1");
            assertThat(event.getRequestContext().getIdentity().getUserArn()).isEqualTo(ApiServer.LOCAL_CALLER);

            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/nowhere")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // As API Gateway answers a resource it does not have, through the LakeApi construct's DEFAULT_4XX response.
            assertThat(unknown.statusCode()).isEqualTo(403);
            JsonNode error = new ObjectMapper().readTree(unknown.body());
            assertThat(error.path("code").asText()).isEqualTo("BadRequest");
            assertThat(error.path("message").asText()).isEqualTo(ApiServer.MISSING_ROUTE);
            assertThat(error.path("requestId").asText()).isNotEmpty();
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/json");

            // A bad escape in the request line, which HTTP clients will not send: written on a socket.
            for (String path : List.of("/v1/datasets/%zz", "/v1/datasets/%", "/v1/datasets/sales/grants/%C3%28")) {
                String raw = rawGet(api.endpoint(), path);
                assertThat(raw).as(path).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/json");
                JsonNode bad = new ObjectMapper().readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4));
                assertThat(bad.path("code").asText()).as(path).isEqualTo("BadRequest");
                assertThat(bad.path("requestId").asText()).as(path).isNotEmpty();
            }

            // Over API Gateway's payload quota: 413 before the body is read.
            String big = raw(api.endpoint(), "POST /v1/datasets HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (ApiServer.MAX_PAYLOAD_BYTES + 1) + "\r\n\r\n{");
            assertThat(big).startsWith("HTTP/1.1 413 ").contains("Request Too Long");

            http.send(HttpRequest.newBuilder(URI.create(api.endpoint() + "/v1/datasets/a+b%2Bc/grants/x+y")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(seen.get(seen.size() - 1).getPathParameters()).as("a + stays a plus in paths")
                    .containsEntry("name", "a+b+c").containsEntry("principal", "x+y");
        }
    }

    @Test
    void dropWatcherDeliversS3EventsAsSqsMessagesAndRedeliversWhatIsStillThere() throws Exception {
        String drop = NAMES.dropBucket(Tier.RESTRICTED);
        lake.s3().putObject(r -> r.bucket(drop).key("web_events/2026-11-21.json"), RequestBody.fromString("{}\n"));
        lake.s3().putObject(r -> r.bucket(drop).key("quarantine/old.json"), RequestBody.fromString("{}\n"));
        lake.s3().putObject(r -> r.bucket(drop).key("web_events/2026/"), RequestBody.empty());
        List<SQSEvent.SQSMessage> received = new ArrayList<>();
        boolean[] fail = {true};
        DropWatcher watcher = new DropWatcher(lake, event -> {
            received.addAll(event.getRecords());
            SQSBatchResponse response = new SQSBatchResponse();
            response.setBatchItemFailures(fail[0] ? event.getRecords().stream()
                    .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId())).toList() : List.of());
            if (!fail[0]) { // the ingest deletes what it takes
                lake.s3().deleteObject(r -> r.bucket(drop).key("web_events/2026-11-21.json"));
            }
            return response;
        });
        assertThat(watcher.poll()).isZero();
        fail[0] = false;
        assertThat(watcher.poll()).as("a failed message comes again").isEqualTo(1);
        assertThat(watcher.poll()).as("a taken one does not").isZero();
        assertThat(received).hasSize(2);
        JsonNode event = new ObjectMapper().readTree(received.get(1).getBody());
        assertThat(event.path("source").asText()).isEqualTo("aws.s3");
        assertThat(event.path("detail-type").asText()).isEqualTo("Object Created");
        assertThat(event.at("/detail/bucket/name").asText()).isEqualTo(drop);
        assertThat(event.at("/detail/object/key").asText()).isEqualTo("web_events/2026-11-21.json");
        assertThat(event.at("/detail/object/size").asLong()).isEqualTo(3);
        assertThat(event.at("/detail/object/sequencer").asText()).as("without versions, the ETag tells writes apart")
                .isEqualTo(event.at("/detail/object/etag").asText());
        assertThat(received.get(1).getEventSourceArn()).isEqualTo(DropWatcher.QUEUE_ARN);
    }

    @Test
    void aKeyWithAControlCharacterIsDeliveredAndDoesNotStopTheOthers() throws Exception {
        String drop = NAMES.dropBucket(Tier.SENSITIVE);
        lake.s3().putObject(r -> r.bucket(drop).key("web_events/a\u0001b.json"), RequestBody.fromString("{}\n"));
        lake.s3().putObject(r -> r.bucket(drop).key("web_events/good.json"), RequestBody.fromString("{}\n"));
        List<String> keys = new ArrayList<>();
        DropWatcher watcher = new DropWatcher(lake, event -> {
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                try {
                    String key = new ObjectMapper().readTree(m.getBody()).at("/detail/object/key").asText();
                    keys.add(key);
                    lake.s3().deleteObject(r -> r.bucket(drop).key(key));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return new SQSBatchResponse(List.of());
        });
        assertThat(watcher.poll()).isEqualTo(2);
        assertThat(keys).containsExactlyInAnyOrder("web_events/a\u0001b.json", "web_events/good.json");
    }

    @Test
    void aSecondUploadOfAKeyWaitsUntilTheFirstIsTaken() throws Exception {
        String drop = NAMES.dropBucket(Tier.INTERNAL);
        String key = "sales_orders/twice.csv";
        lake.s3().putObject(r -> r.bucket(drop).key(key), RequestBody.fromString("first\n"));
        java.util.concurrent.CompletableFuture<String> second = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                lake.newS3Client().putObject(r -> r.bucket(drop).key(key), RequestBody.fromString("second\n")).eTag());
        Thread.sleep(300);
        assertThat(second).as("waits while the first is not taken").isNotDone();
        assertThat(lake.s3().getObjectAsBytes(r -> r.bucket(drop).key(key)).asUtf8String()).isEqualTo("first\n");
        lake.s3().deleteObject(r -> r.bucket(drop).key(key)); // what the ingest does once it has the first
        second.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(lake.s3().getObjectAsBytes(r -> r.bucket(drop).key(key)).asUtf8String()).isEqualTo("second\n");
        lake.s3().putObject(r -> r.bucket(drop).key("quarantine/" + key), RequestBody.fromString("a"));
        lake.s3().putObject(r -> r.bucket(drop).key("quarantine/" + key), RequestBody.fromString("b"));
        assertThat(lake.s3().getObjectAsBytes(r -> r.bucket(drop).key("quarantine/" + key)).asUtf8String())
                .as("the quarantine never waits").isEqualTo("b");
        lake.s3().deleteObject(r -> r.bucket(drop).key(key));
    }

    @Test
    void convertsARawCompleteUpdateToTypedPartitionedParquetAndQueriesIt() throws Exception {
        Path file = Path.of("..", "dataset-templates", "examples", "sales_orders.yaml");
        DatasetSpec spec = DatasetFiles.load(file);
        String specJson = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        new DatasetRegistry(lake.dynamo(), NAMES).register(new DatasetRegistration(spec.name(), spec.tier(), spec.owner(),
                spec.description(), "local", NAMES.datasetStack(spec.name()), specJson, NOW));
        UpdateId update = UpdateId.parse("2026-11-21T101500Z-0001");
        String bucket = NAMES.dataBucket(Tier.INTERNAL);
        String csv = "order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\n"
                + "1,1,2026-11-20,A,2,10.50,21.00,DE\n1,2,2026-11-20,B,1,5.25,5.25,DE\n2,1,2026-11-21,A,3,10.50,31.50,FR\n";
        lake.s3().putObject(r -> r.bucket(bucket).key(DatasetLayout.rawPrefix("sales_orders", update) + "orders.csv"), RequestBody.fromString(csv));
        UpdateManifest raw = UpdateManifest.builder().dataset("sales_orders").update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "drop", "sales_orders/orders.csv.gz", "e1")).createdAt(NOW)
                .rawFile(new ManifestFile("orders.csv", csv.length(), "0".repeat(64))).build();
        lake.s3().putObject(r -> r.bucket(bucket).key(raw.key()), RequestBody.fromString(raw.toJson()));
        UpdateRegistry updates = new UpdateRegistry(lake.dynamo(), NAMES);
        updates.create(new UpdateRecord("sales_orders", update, UpdateState.RAW_COMPLETE, "drop:x", raw.key(), csv.length(), null, NOW, NOW, null));

        LocalConverter converter = new LocalConverter(lake, Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC));
        assertThat(converter.convertPending()).isEqualTo(1);
        assertThat(converter.convertPending()).as("nothing left").isZero();

        UpdateManifest complete = UpdateManifest.fromJson(lake.s3().getObjectAsBytes(r -> r.bucket(bucket).key(raw.key())).asUtf8String());
        assertThat(complete.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(complete.rowCount()).hasValue(3);
        assertThat(complete.dataFiles()).extracting(ManifestFile::path).allMatch(p -> p.startsWith("order_date=2026-11-2"));
        assertThat(updates.find("sales_orders", update)).hasValueSatisfying(r -> {
            assertThat(r.state()).isEqualTo(UpdateState.COMPLETE);
            assertThat(r.rowCount()).isEqualTo(3L);
        });

        LocalQuery query = new LocalQuery(lake);
        assertThat(query.tables()).containsEntry("sales_orders", update);
        QueryResult result = query.run("SELECT store_country, sum(amount_eur) AS total, typeof(sum(amount_eur)) AS t"
                + " FROM sales_orders GROUP BY store_country ORDER BY store_country");
        assertThat(result.columns()).containsExactly("store_country", "total", "t");
        assertThat(result.rows()).containsExactly(List.of("DE", "26.25", "DECIMAL(38,2)"), List.of("FR", "31.50", "DECIMAL(38,2)"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> query.run("SELECT * FROM nope"))
                .isInstanceOf(LakeConfigException.class).hasMessageStartingWith("query failed: ");
    }

    @Test
    void aRowThatBreaksTheSchemaFailsTheUpdateWithTheReason() throws Exception {
        UpdateId update = UpdateId.parse("2026-11-21T111500Z-0002");
        String bucket = NAMES.dataBucket(Tier.INTERNAL);
        Path file = Path.of("..", "dataset-templates", "examples", "sales_orders.yaml");
        DatasetSpec spec = DatasetFiles.load(file);
        String specJson = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        DatasetRegistration registration = new DatasetRegistration(spec.name(), spec.tier(), spec.owner(), spec.description(),
                "local", "s", specJson, NOW);
        String csv = "order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\nx,1,2026-11-20,A,2,1,2,DE\n";
        lake.s3().putObject(r -> r.bucket(bucket).key(DatasetLayout.rawPrefix("sales_orders", update) + "bad.csv"),
                RequestBody.fromBytes(csv.getBytes(StandardCharsets.UTF_8)));
        UpdateManifest raw = UpdateManifest.builder().dataset("sales_orders").update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "drop", "sales_orders/bad.csv", "e2")).createdAt(NOW)
                .rawFile(new ManifestFile("bad.csv", csv.length(), "0".repeat(64))).build();
        lake.s3().putObject(r -> r.bucket(bucket).key(raw.key()), RequestBody.fromString(raw.toJson()));
        UpdateRecord record = new UpdateRecord("sales_orders", update, UpdateState.RAW_COMPLETE, "drop:y", raw.key(), 1, null, NOW, NOW, null);
        new UpdateRegistry(lake.dynamo(), NAMES).create(record);
        assertThat(new LocalConverter(lake, Clock.systemUTC()).convert(registration, record)).isFalse();
        UpdateManifest failed = UpdateManifest.fromJson(lake.s3().getObjectAsBytes(r -> r.bucket(bucket).key(raw.key())).asUtf8String());
        assertThat(failed.state()).isEqualTo(UpdateState.FAILED);
        // The whole reason, on one line: file, line, column, value and what was expected (not "CSV Error on Line: 2").
        assertThat(failed.error()).hasValue("update " + update + " of dataset sales_orders does not fit its schema: bad.csv"
                + " line 2, column order_id: \"x\" is not a bigint (a whole number from -9223372036854775808 to"
                + " 9223372036854775807)");
    }

    @Test
    void aHeaderOnlyDeliveryCompletesEmptyAndQueriesAsZeroRowsWithTheDatasetsColumns() throws Exception {
        UpdateId update = UpdateId.parse("2026-11-01T000000Z-0003"); // the oldest: other tests read the latest
        String bucket = NAMES.dataBucket(Tier.INTERNAL);
        Path file = Path.of("..", "dataset-templates", "examples", "sales_orders.yaml");
        DatasetSpec spec = DatasetFiles.load(file);
        String specJson = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        DatasetRegistration registration = new DatasetRegistration(spec.name(), spec.tier(), spec.owner(), spec.description(),
                "local", "s", specJson, NOW);
        new DatasetRegistry(lake.dynamo(), NAMES).register(registration);
        String csv = "order_id,line_no,order_date,product_sku,quantity,unit_price_eur,amount_eur,store_country\n";
        lake.s3().putObject(r -> r.bucket(bucket).key(DatasetLayout.rawPrefix("sales_orders", update) + "empty.csv"),
                RequestBody.fromBytes(csv.getBytes(StandardCharsets.UTF_8)));
        UpdateManifest raw = UpdateManifest.builder().dataset("sales_orders").update(update).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "drop", "sales_orders/empty.csv", "e3")).createdAt(NOW)
                .rawFile(new ManifestFile("empty.csv", csv.length(), "0".repeat(64))).build();
        lake.s3().putObject(r -> r.bucket(bucket).key(raw.key()), RequestBody.fromString(raw.toJson()));
        UpdateRecord record = new UpdateRecord("sales_orders", update, UpdateState.RAW_COMPLETE, "drop:z", raw.key(), 1, null, NOW, NOW, null);
        new UpdateRegistry(lake.dynamo(), NAMES).create(record);

        assertThat(new LocalConverter(lake, Clock.systemUTC()).convert(registration, record)).isTrue();

        // Partitioned by order_date, an empty update has no Parquet file at all; the query still knows its columns.
        QueryResult result = new LocalQuery(lake).run("SELECT * FROM \"lake://sales_orders:2026-11-01\"");
        assertThat(result.rows()).isEmpty();
        assertThat(result.columns()).containsExactly("order_id", "line_no", "product_sku", "quantity", "unit_price_eur",
                "amount_eur", "store_country", "order_date");
    }

    /** A GET written on a socket as is, so the request line may hold what HTTP clients refuse to send. */
    static String rawGet(URI endpoint, String path) throws java.io.IOException {
        return raw(endpoint, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    static String raw(URI endpoint, String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
