package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.UpdateState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Forged and malformed messages on the ingest queue, through the real {@link IngestHandler} against
 * s3proxy and DynamoDB Local: every one is refused, nothing is written anywhere (no object in any
 * bucket, no item in any registry table) and the reason is in the structured log. The first case is
 * the one of the isolation issue: a request that would copy HR salaries of the sensitive tier into
 * {@code daily_sales} of the internal tier.
 */
class ForgedRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTSIDE = "acme-partner-exports";
    private static final String OTHER_OUTSIDE = "acme-partner-archive";
    private static final String HR_RAW = "hr_employees/raw/2026-11-20T080000Z-0a0b/employees.csv";
    private static final UpdateId UPDATE = UpdateId.parse("2026-11-21T101500Z-f0f0");
    private static final UpdateId OTHER_UPDATE = UpdateId.parse("2026-11-21T101500Z-0f0f");

    @TempDir
    static Path folder;
    static TestLake lake;
    static String etag;

    @BeforeAll
    static void start() {
        lake = TestLake.start(folder);
        lake.register("daily_sales.yaml", "daily_sales");
        lake.register("hr_employees.yaml", "hr_employees");
        for (String bucket : List.of(lake.names.artifactBucket(), lake.names.athenaResultsBucket(),
                lake.names.accessLogBucket(), OUTSIDE, OTHER_OUTSIDE)) {
            lake.s3.createBucket(r -> r.bucket(bucket));
        }
        String salaries = "employee_id,salary\n1,250000\n";
        put(lake.names.dataBucket(Tier.SENSITIVE), HR_RAW, salaries);
        put(lake.names.dataBucket(Tier.INTERNAL), "sales_orders/raw/2026-11-20T080000Z-0a0c/orders.csv", "id\n1\n");
        put(lake.names.dataBucket(Tier.INTERNAL), "daily_sales/raw/2026-11-20T080000Z-0a0d/sales.csv", "id\n1\n");
        put(lake.names.dataBucket(Tier.RESTRICTED), "web_events/raw/2026-11-20T080000Z-0a0e/events.json", "{}\n");
        put(lake.names.artifactBucket(), "pipelines/x/daily_sales.yaml", "name: daily_sales\n");
        put(lake.names.athenaResultsBucket(), "sensitive/hr_employees/result.csv", salaries);
        put(lake.names.accessLogBucket(), "logs/2026-11-21", "log\n");
        put(lake.names.dropBucket(Tier.SENSITIVE), "hr_employees/employees.csv", salaries);
        put(lake.names.dropBucket(Tier.INTERNAL), "hr_other/salaries.csv", salaries);
        etag = put(OUTSIDE, "exports/sales.csv", "id\n1\n");
        put(OTHER_OUTSIDE, "exports/sales.csv", salaries);

        // What the API really accepted: requests below forge their way around these records.
        lake.accept(request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv", "api:accepted-sales", null, etag));
        lake.accept(request("hr_employees", UPDATE, OUTSIDE, "exports/sales.csv", "api:accepted-hr", null, etag));
        new io.datalake.registry.DeliveryLedger(lake.dynamo, lake.names).claim("drop:" + lake.names.dropBucket(Tier.INTERNAL)
                + "/daily_sales/x.csv#0061", "daily_sales", UPDATE, java.time.Instant.now());
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    private static String put(String bucket, String key, String content) {
        return lake.s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content)).eTag().replace("\"", "");
    }

    private static IngestRequest request(String dataset, UpdateId update, String bucket, String key, String deliveryKey,
                                         String versionId, String etag) {
        return new IngestRequest(dataset, update, bucket, key, deliveryKey, versionId, etag);
    }

    /** An ingest request body as the API would write it, naming any bucket and key. */
    private static String forged(String dataset, String bucket, String key, String deliveryKey) {
        return request(dataset, UPDATE, bucket, key, deliveryKey, null, null).toJson();
    }

    private static String eventBridge(String bucket, String key) {
        ObjectNode event = JSON.createObjectNode().put("version", "0").put("detail-type", "Object Created").put("source", "aws.s3")
                .put("account", "111122223333").put("region", "eu-west-1");
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", bucket);
        detail.putObject("object").put("key", key).put("size", 10).put("sequencer", "0061A0000000000099");
        return event.toString();
    }

    /**
     * The corpus: a name, the message body, and whether the handler deletes the message (a refusal
     * it answers) or hands it back for the dead-letter queue (a body it cannot read or an event of
     * a bucket that is no drop bucket).
     */
    static Stream<Arguments> corpus() {
        String internalData = lake.names.dataBucket(Tier.INTERNAL);
        String sensitiveData = lake.names.dataBucket(Tier.SENSITIVE);
        String restrictedData = lake.names.dataBucket(Tier.RESTRICTED);
        String internalDrop = lake.names.dropBucket(Tier.INTERNAL);
        String sensitiveDrop = lake.names.dropBucket(Tier.SENSITIVE);
        List<Arguments> cases = new ArrayList<>();
        // Sources in the lake's own buckets.
        cases.add(refused("HR salaries from the sensitive data bucket into daily_sales",
                forged("daily_sales", sensitiveData, HR_RAW, "api:forged-1"), "sensitive tier's data bucket"));
        cases.add(refused("another dataset's raw file from the own tier's data bucket",
                forged("daily_sales", internalData, "sales_orders/raw/2026-11-20T080000Z-0a0c/orders.csv", "api:forged-2"),
                "internal tier's data bucket"));
        cases.add(refused("the dataset's own raw file from its data bucket",
                forged("daily_sales", internalData, "daily_sales/raw/2026-11-20T080000Z-0a0d/sales.csv", "api:forged-3"),
                "internal tier's data bucket"));
        cases.add(refused("the restricted data bucket", forged("daily_sales", restrictedData,
                "web_events/raw/2026-11-20T080000Z-0a0e/events.json", "api:forged-4"), "restricted tier's data bucket"));
        cases.add(refused("the artifacts bucket", forged("daily_sales", lake.names.artifactBucket(),
                "pipelines/x/daily_sales.yaml", "api:forged-5"), "lake's own buckets"));
        cases.add(refused("the Athena results bucket", forged("daily_sales", lake.names.athenaResultsBucket(),
                "sensitive/hr_employees/result.csv", "api:forged-6"), "lake's own buckets"));
        cases.add(refused("the access-log bucket", forged("daily_sales", lake.names.accessLogBucket(), "logs/2026-11-21",
                "api:forged-7"), "lake's own buckets"));
        cases.add(refused("another tier's drop bucket", forged("daily_sales", sensitiveDrop, "hr_employees/employees.csv",
                "api:forged-8"), "sensitive drop bucket"));
        cases.add(refused("a sensitive drop file for an internal dataset under its own folder name",
                forged("daily_sales", sensitiveDrop, "daily_sales/employees.csv", "api:forged-9"), "sensitive drop bucket"));
        cases.add(refused("own drop bucket, another dataset's folder", forged("daily_sales", internalDrop,
                "hr_other/salaries.csv", "api:forged-10"), "is not under daily_sales/"));
        cases.add(refused("an unregistered dataset from the sensitive data bucket", forged("ghost_set", sensitiveData, HR_RAW,
                "api:forged-11"), "data bucket"));
        // Keys that are paths in disguise or not keys at all.
        cases.add(refused("'..' out of the dataset's drop folder", forged("daily_sales", internalDrop,
                "daily_sales/../hr_other/salaries.csv", "api:forged-12"), "'..' segment"));
        cases.add(refused("'..' out of an outside bucket into the sensitive data bucket", forged("daily_sales", OUTSIDE,
                "../" + sensitiveData + "/" + HR_RAW, "api:forged-13"), "'..' segment"));
        cases.add(refused("a '.' segment", forged("daily_sales", OUTSIDE, "exports/./sales.csv", "api:forged-14"), "'.' segment"));
        cases.add(refused("a NUL in the key", forged("daily_sales", OUTSIDE, "exports/sales.csv\u0000.txt", "api:forged-15"),
                "U+0000"));
        cases.add(refused("a control character in the key", forged("daily_sales", OUTSIDE, "exports/\u0001sales.csv",
                "api:forged-16"), "U+0001"));
        cases.add(refused("an empty segment", forged("daily_sales", OUTSIDE, "exports//sales.csv", "api:forged-17"), "'//'"));
        cases.add(refused("a leading slash", forged("daily_sales", OUTSIDE, "/exports/sales.csv", "api:forged-18"),
                "starts with '/'"));
        cases.add(refused("a folder, not an object", forged("daily_sales", OUTSIDE, "exports/", "api:forged-19"), "ends with '/'"));
        cases.add(refused("a key over 1024 bytes", forged("daily_sales", OUTSIDE, "exports/" + "x".repeat(1100), "api:forged-20"),
                "1024 bytes"));
        cases.add(refused("a lone surrogate", forged("daily_sales", OUTSIDE, "exports/\ud800.csv", "api:forged-21"),
                "lone surrogate"));
        // Outside sources, held against the API's record.
        cases.add(refused("no API record", forged("daily_sales", OUTSIDE, "exports/sales.csv", "api:never-accepted"),
                "has no record"));
        cases.add(refused("the API's record is for another dataset", request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv",
                "api:accepted-hr", null, etag).toJson(), "of dataset hr_employees"));
        cases.add(refused("the request names another dataset than the record", request("hr_employees", UPDATE, OUTSIDE,
                "exports/sales.csv", "api:accepted-sales", null, etag).toJson(), "of dataset daily_sales"));
        cases.add(refused("another update id than the record", request("daily_sales", OTHER_UPDATE, OUTSIDE,
                "exports/sales.csv", "api:accepted-sales", null, etag).toJson(), "not as update " + OTHER_UPDATE));
        cases.add(refused("another key than the record", request("daily_sales", UPDATE, OUTSIDE, "exports/other.csv",
                "api:accepted-sales", null, etag).toJson(), "not s3://" + OUTSIDE + "/exports/other.csv"));
        cases.add(refused("another bucket than the record", request("daily_sales", UPDATE, OTHER_OUTSIDE, "exports/sales.csv",
                "api:accepted-sales", null, etag).toJson(), "not s3://" + OTHER_OUTSIDE));
        cases.add(refused("another ETag than the record", request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv",
                "api:accepted-sales", null, "0123456789abcdef0123456789abcdef").toJson(), "(ETag " + etag + "), not"));
        cases.add(refused("a version id the record does not pin", request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv",
                "api:accepted-sales", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY", etag).toJson(), "not version 3HL4"));
        cases.add(refused("no ETag where the record pins one", request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv",
                "api:accepted-sales", null, null).toJson(), "(ETag null)"));
        cases.add(refused("a drop claim of ingest itself, not the API's", request("daily_sales", UPDATE, internalDrop,
                "daily_sales/x.csv", "drop:" + internalDrop + "/daily_sales/x.csv#0061", null, null).toJson(), "has no record"));
        // Messages the handler cannot read, and S3 events of buckets that are no drop buckets: back to the queue, then
        // the dead-letter queue, having written nothing.
        cases.add(failed("an ingest request without a delivery key", "{\"type\":\"lake.ingest-request\",\"dataset\":\"daily_sales\","
                + "\"update\":\"" + UPDATE + "\",\"bucket\":\"" + sensitiveData + "\",\"key\":\"" + HR_RAW + "\"}", "deliveryKey"));
        cases.add(failed("an ingest request with a dataset name that is a path", "{\"type\":\"lake.ingest-request\",\"dataset\":"
                + "\"../hr_employees\",\"update\":\"" + UPDATE + "\",\"bucket\":\"" + OUTSIDE + "\",\"key\":\"exports/sales.csv\","
                + "\"deliveryKey\":\"api:forged-30\"}", "hr_employees"));
        cases.add(failed("an ingest request with a malformed update id", "{\"type\":\"lake.ingest-request\",\"dataset\":"
                + "\"daily_sales\",\"update\":\"latest\",\"bucket\":\"" + OUTSIDE + "\",\"key\":\"exports/sales.csv\","
                + "\"deliveryKey\":\"api:forged-31\"}", "latest"));
        cases.add(failed("an S3 event of the sensitive data bucket", eventBridge(sensitiveData, HR_RAW), sensitiveData));
        cases.add(failed("an S3 event of the internal data bucket", eventBridge(internalData,
                "daily_sales/raw/2026-11-20T080000Z-0a0d/sales.csv"), internalData));
        cases.add(failed("an S3 notification of the artifacts bucket", "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
                + "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + lake.names.artifactBucket() + "\"},\"object\":"
                + "{\"key\":\"pipelines/x/daily_sales.yaml\"}}}]}", lake.names.artifactBucket()));
        cases.add(failed("an S3 event of an outside bucket", eventBridge(OUTSIDE, "daily_sales/sales.csv"), OUTSIDE));
        // Drop events whose keys climb out of their folder: a filesystem-backed store (s3proxy, the local lake) would
        // resolve them into another dataset's folder or another tier's bucket.
        cases.add(refused("a drop event climbing into the sensitive data bucket", eventBridge(internalDrop,
                "daily_sales/../../" + sensitiveData + "/" + HR_RAW), "'..' segment"));
        cases.add(refused("a drop event climbing into another dataset's folder", eventBridge(internalDrop,
                "daily_sales/../hr_other/salaries.csv"), "'..' segment"));
        cases.add(refused("a drop event with a '.' segment", eventBridge(internalDrop, "daily_sales/./x.csv"), "'.' segment"));
        cases.add(failed("a JSON array", "[{\"type\":\"lake.ingest-request\"}]", "not a JSON object"));
        cases.add(failed("an accepted request with its bucket given twice", request("daily_sales", UPDATE, OUTSIDE,
                "exports/sales.csv", "api:accepted-sales", null, etag).toJson().replace("\"bucket\":",
                "\"bucket\":\"" + sensitiveData + "\",\"bucket\":"), "Duplicate field 'bucket'"));
        return cases.stream();
    }

    private static Arguments refused(String name, String body, String reason) {
        return Arguments.of(name, body, true, reason);
    }

    private static Arguments failed(String name, String body, String reason) {
        return Arguments.of(name, body, false, reason);
    }

    @Test
    void theCorpusHoldsMoreThanTwentyForgedRequests() {
        assertThat(corpus().filter(a -> (boolean) a.get()[2]).count()).isGreaterThanOrEqualTo(20);
        assertThat(corpus().count()).isGreaterThanOrEqualTo(35);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWritingNothing(String name, String body, boolean answered, String reason) throws IOException {
        Set<String> objects = objects();
        Set<String> items = items();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        IngestHandler handler = new IngestHandler(lake.ingestor(), new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8),
                Clock.systemUTC()));
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("forged");
        message.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(message));

        int handedOver = lake.trigger.received().size();

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).as("handed back to the queue").hasSize(answered ? 0 : 1);
        JsonNode line = JSON.readTree(logged.toString(StandardCharsets.UTF_8).strip());
        assertThat(line.path("message").asText()).isEqualTo(answered ? "refused" : "failed");
        assertThat(line.path("level").asText()).isEqualTo(answered ? "WARN" : "ERROR");
        assertThat(line.path("reason").asText()).contains(reason);
        assertThat(objects()).as("objects in every bucket").isEqualTo(objects);
        assertThat(items()).as("items in every registry table").isEqualTo(items);
        assertThat(lake.trigger.received()).hasSize(handedOver);
    }

    @Test
    void theRequestTheApiAcceptedIsStillIngested() {
        Outcome outcome = lake.ingestor().ingest(Delivery.api(request("daily_sales", UPDATE, OUTSIDE, "exports/sales.csv",
                "api:accepted-sales", null, etag)));

        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(Outcome.Status.INGESTED);
        assertThat(lake.updates("daily_sales")).singleElement().satisfies(r -> assertThat(r.state())
                .isEqualTo(UpdateState.RAW_COMPLETE));
    }

    /** Every object of every bucket, with its ETag. */
    private static Set<String> objects() {
        Set<String> all = new TreeSet<>();
        lake.s3.listBuckets().buckets().forEach(b -> lake.s3.listObjectsV2Paginator(r -> r.bucket(b.name())).contents()
                .forEach(o -> all.add(b.name() + "/" + o.key() + " " + o.eTag())));
        return all;
    }

    /** Every item of every registry table. */
    private static Set<String> items() {
        Set<String> all = new TreeSet<>();
        for (RegistryTable table : RegistryTable.values()) {
            String name = lake.names.registryTable(table);
            lake.dynamo.scanPaginator(r -> r.tableName(name)).items().forEach(i -> all.add(name + " " + i));
        }
        return all;
    }
}
