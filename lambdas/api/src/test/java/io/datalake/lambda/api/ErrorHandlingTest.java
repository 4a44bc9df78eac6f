package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.lambda.api.exceptions.ApiException;
import io.datalake.lambda.api.fakes.InMemoryIngestQueue;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLake.Extension.class)
class ErrorHandlingTest {
    private static TestLake lake;
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake shared) {
        lake = shared;
        env = lake.environment("err");
        env.dataset("orders", Tier.INTERNAL);
    }

    @Test
    void answersUnknownRoutesAndMethodsBehindAGreedyProxyWithJsonErrors() {
        Reply unknown = env.call(Events.load("proxy-unknown-route"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("no route GET /datasets/orders/snapshots");
        Reply method = env.call(Events.load("proxy-wrong-method"));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.code()).isEqualTo("MethodNotAllowed");
        assertThat(method.headers()).containsEntry("Allow", "GET");
    }

    @Test
    void answersAFaultWith500AndTheRequestIdOnlyWhileTheLogHasTheDetails() {
        // An environment whose registry tables do not exist: DynamoDB fails, which is the lake's fault.
        LakeNames missing = new LakeNames(Environment.builder().org("acme").name("gone").region("eu-west-1").build());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RestApi api = RestApi.create(ApiServices.of(missing, lake.dynamo(), lake.s3(), new InMemoryIngestQueue(),
                new IamTrustPolicies(lake.iamClient()), Set.of(), Clock.systemUTC(), new Random(1)),
                new JsonLog(new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        APIGatewayProxyRequestEvent event = Events.load("get-dataset");
        APIGatewayProxyResponseEvent response = new ApiHandler(api).handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        String requestId = event.getRequestContext().getRequestId();
        assertThat(response.getBody()).isEqualTo("{\"code\":\"InternalError\",\"message\":\"the lake failed to answer; quote the"
                + " request id " + requestId + " when you report it\",\"requestId\":\"" + requestId + "\"}");
        assertThat(response.getHeaders()).containsEntry("X-Request-Id", requestId);
        String line = log.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).contains("\"level\":\"ERROR\"", "\"status\":500", "\"requestId\":\"" + requestId + "\"",
                "RegistryException", "acme-datalake-gone-datasets", "\"stackTrace\":\"");
    }

    @Test
    void answersAnEventThatIsNotAProxyRequestWith400() {
        APIGatewayProxyResponseEvent response = env.handler().handleRequest(new APIGatewayProxyRequestEvent(), null);
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("\"field\":\"httpMethod\"");
    }

    @Test
    void readsABase64EncodedBody() {
        env.putObject(env.names().dropBucket(Tier.INTERNAL), "orders/b64.csv", "id\n1\n");
        APIGatewayProxyRequestEvent event = Events.load("post-update-drop-key")
                .withBody(Base64.getEncoder().encodeToString("{\"dropKey\":\"orders/b64.csv\"}".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true);
        assertThat(env.call(event).status()).isEqualTo(202);
        assertThat(env.call(event.withBody("***")).field()).isEqualTo("body");
    }

    @Test
    void logsOneJsonLinePerRequest() {
        env.call(Events.load("get-dataset"));
        List<JsonNode> lines = env.logLines();
        JsonNode last = lines.get(lines.size() - 1);
        assertThat(last.path("level").asText()).isEqualTo("INFO");
        assertThat(last.path("route").asText()).isEqualTo("GET /datasets/{name}");
        assertThat(last.path("status").asInt()).isEqualTo(200);
        assertThat(last.path("caller").asText()).isEqualTo("arn:aws:sts::123456789012:assumed-role/data-producer/alice");
        assertThat(last.has("durationMs")).isTrue();
    }

    @Test
    void everyRefusalHasAStatusInTheOnePlaceThatMapsThem() {
        List<Class<? extends ApiException>> kinds = List.of(io.datalake.lambda.api.exceptions.BadRequest.class,
                io.datalake.lambda.api.exceptions.Forbidden.class, io.datalake.lambda.api.exceptions.NotFound.class, io.datalake.lambda.api.exceptions.MethodNotAllowed.class,
                io.datalake.lambda.api.exceptions.Conflict.class, io.datalake.lambda.api.exceptions.PayloadTooLarge.class,
                io.datalake.lambda.api.exceptions.UnsupportedMediaType.class);
        assertThat(ErrorResponses.STATUS.keySet()).containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(ErrorResponses.STATUS.values()).allSatisfy(status -> assertThat(status).isBetween(400, 499));
    }

    @Test
    void primingBeforeASnapshotAnswersWithoutFaults() {
        int before = env.logLines().size();
        env.handler().beforeCheckpoint(null);
        List<JsonNode> lines = env.logLines().subList(before, env.logLines().size());
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line.path("status").asInt()).isBetween(400, 499));
        assertThat(lines.get(0).path("status").asInt()).isEqualTo(404);
    }
}
