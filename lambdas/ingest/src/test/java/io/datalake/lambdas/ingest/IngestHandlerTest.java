package io.datalake.lambdas.ingest;

import static io.datalake.lambdas.ingest.TestLake.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.Tier;
import io.datalake.core.update.UpdateState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The handler over an SQS event as Lambda delivers it (read from JSON with the runtime's own
 * serialization): each message stands alone, and only the failed ones are reported back.
 */
class IngestHandlerTest {
    @TempDir
    static Path folder;
    static TestLake lake;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog(new PrintStream(logged, true, StandardCharsets.UTF_8), Clock.systemUTC());

    @BeforeAll
    static void start() {
        lake = TestLake.start(folder);
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @Test
    void aBatchReportsOnlyItsFailedMessages() throws IOException {
        lake.register("sales_orders.yaml", "orders_handler");
        byte[] csv = IngestorTest.ORDERS.getBytes(StandardCharsets.UTF_8);
        String bucket = lake.names.dropBucket(Tier.INTERNAL);
        String etag = lake.s3.putObject(r -> r.bucket(bucket).key("orders_handler/incoming/orders.csv.gz"),
                RequestBody.fromBytes(gzip(csv))).eTag().replace("\"", "");
        lake.s3.putObject(r -> r.bucket(bucket).key("nobody_registered/x.csv"), RequestBody.fromString("x"));
        SQSEvent event = load("events/sqs-batch.json", etag);
        assertThat(event.getRecords()).hasSize(6);

        SQSBatchResponse response = new IngestHandler(lake.ingestor(), log).handleRequest(event, context(60_000));

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("msg-poison", "msg-foreign-bucket");
        lake.assertSingleUpdate("orders_handler", Tier.INTERNAL, UpdateState.RAW_COMPLETE, TestLake.files("orders.csv", csv));
        assertThat(lake.exists(bucket, Quarantine.keyOf("nobody_registered/x.csv"))).isTrue();
        // A request the API never accepted: refused, and nothing of it recorded.
        assertThat(lake.updates("ghost_handler")).isEmpty();

        List<JsonNode> lines = lines();
        assertThat(lines).allSatisfy(l -> assertThat(l.has("time") && l.has("level") && l.has("message")).isTrue());
        assertThat(line(lines, "msg-good").path("message").asText()).isEqualTo("ingested");
        assertThat(line(lines, "msg-good").path("dataset").asText()).isEqualTo("orders_handler");
        assertThat(line(lines, "msg-good").path("state").asText()).isEqualTo("raw-complete");
        assertThat(line(lines, "msg-good").path("bytes").asLong()).isEqualTo(csv.length);
        assertThat(line(lines, "msg-poison").path("level").asText()).isEqualTo("ERROR");
        assertThat(line(lines, "msg-poison").path("error").asText()).isEqualTo("MalformedMessageException");
        assertThat(line(lines, "msg-deleted").path("message").asText()).isEqualTo("ignored");
        assertThat(line(lines, "msg-unknown-dataset").path("message").asText()).isEqualTo("quarantined");
        assertThat(line(lines, "msg-unknown-dataset").path("level").asText()).isEqualTo("WARN");
        assertThat(line(lines, "msg-unknown-dataset").path("reason").asText()).contains("not registered");
        assertThat(line(lines, "msg-api").path("message").asText()).isEqualTo("refused");
        assertThat(line(lines, "msg-api").path("reason").asText()).contains("the API has no record");
        assertThat(line(lines, "msg-foreign-bucket").path("error").asText()).isEqualTo("UnknownDropBucketException");

        // SQS delivers the batch again (say, the visibility timeout passed): nothing new happens.
        SQSBatchResponse again = new IngestHandler(lake.ingestor(), log).handleRequest(event, context(60_000));
        assertThat(again.getBatchItemFailures()).hasSize(2);
        lake.assertSingleUpdate("orders_handler", Tier.INTERNAL, UpdateState.RAW_COMPLETE, TestLake.files("orders.csv", csv));
    }

    @Test
    void messagesNotStartedInTimeGoBackToTheQueue() throws IOException {
        SQSEvent event = load("events/sqs-batch.json", "0");

        SQSBatchResponse response = new IngestHandler(lake.ingestor(), log).handleRequest(event, context(5_000));

        assertThat(response.getBatchItemFailures()).hasSize(6);
        assertThat(lines()).allSatisfy(l -> assertThat(l.path("message").asText()).isEqualTo("not started: too little time left"));
    }

    @Test
    void anEmptyEventIsAnEmptyAnswer() {
        assertThat(new IngestHandler(lake.ingestor(), log).handleRequest(new SQSEvent(), null).getBatchItemFailures()).isEmpty();
    }

    @Test
    void primingTouchesEachClientWithoutFailing() throws IOException {
        new Priming(lake.s3, lake.dynamo, lake.names.dataBucket(Tier.INTERNAL), lake.names, log).prime();

        assertThat(lines()).singleElement().satisfies(l -> {
            assertThat(l.path("message").asText()).isEqualTo("primed");
            assertThat(l.path("calls").asInt()).isEqualTo(2);
        });
    }

    /** The event file with the dropped object's ETag filled in, read as the Lambda runtime reads events. */
    private static SQSEvent load(String resource, String etag) throws IOException {
        String text;
        try (var in = IngestHandlerTest.class.getClassLoader().getResourceAsStream(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${etag}", etag);
        }
        Path file = Files.createTempFile(folder, "event", ".json");
        Files.writeString(file, text);
        return EventLoader.loadSQSEvent(file.toString());
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logged.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    private static JsonNode line(List<JsonNode> lines, String messageId) {
        return lines.stream().filter(l -> l.path("messageId").asText().equals(messageId)).findFirst().orElseThrow();
    }

    private static Context context(int remainingMillis) {
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return "req-1";
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/acme-datalake-test-ingest";
            }

            @Override
            public String getLogStreamName() {
                return "stream";
            }

            @Override
            public String getFunctionName() {
                return "acme-datalake-test-ingest";
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:111122223333:function:acme-datalake-test-ingest";
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return remainingMillis;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return null;
            }
        };
    }
}
