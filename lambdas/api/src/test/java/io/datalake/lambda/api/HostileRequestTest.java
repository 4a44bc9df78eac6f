package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.AccessLevel;
import io.datalake.core.PercentCodec;
import io.datalake.core.RegistryTable;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateState;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.OpenApiContract;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.locallake.ApiServer;
import io.datalake.registry.UpdateRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile request corpus ({@code src/test/resources/hostile/requests.json}): bad JSON, wrong
 * types, huge and deep bodies, control characters and traversal in names and keys, wrong content
 * types, duplicate fields, forged page tokens, bad limits, unknown fields, bad principals, methods
 * and routes the API does not have. Each runs through the real {@link ApiHandler} as API Gateway
 * would invoke it, and those marked {@code http} also over HTTP through the local lake's adapter
 * ({@link ApiServer}). Every answer is a 4xx in the {@code Error} shape (never a 500), names the
 * field where one is at fault, and nothing changed: no object in S3, no item in DynamoDB, no trust
 * policy in IAM, no message on the ingest queue.
 */
@ExtendWith(TestLake.Extension.class)
class HostileRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static TestLake lake;
    private static LakeEnv env;
    private static ApiServer server;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start(TestLake shared) {
        lake = shared;
        env = lake.environment("hos");
        env.dataset("orders", Tier.INTERNAL);
        env.dataset("orders_archive", Tier.INTERNAL);
        env.putObject(env.names().dropBucket(Tier.INTERNAL), "orders/2026-11-21/orders.csv", "id,amount\n1,10\n");
        env.putObject(env.names().dataBucket(Tier.SENSITIVE), "hr_employees/raw/2026-11-20T080000Z-0a0b/e.csv", "id,salary\n1,9\n");
        UpdateId mine = UpdateId.parse("2026-11-20T100000Z-00a1");
        UpdateId theirs = UpdateId.parse("2026-11-20T100000Z-00b2");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        env.update(new UpdateRecord("orders", mine, UpdateState.COMPLETE, "drop:b/k#1", null, 1, null, at, at, null));
        env.update(new UpdateRecord("orders_archive", theirs, UpdateState.COMPLETE, "drop:b/k#2", null, 1, null, at, at, null));
        TOKENS.put("${validToken}", token(mine.toString()));
        TOKENS.put("${otherDatasetToken}", token(theirs.toString()));
        TOKENS.put("${tamperedToken}", token("2026-11-20T100000Z-00a0"));
        server = ApiServer.start(event -> env.handler().handleRequest(event, null),
                ApiServer.routesOf(Path.of("src/main/resources/openapi.yaml")), 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String token(String update) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(update.getBytes(StandardCharsets.UTF_8));
    }

    static List<JsonNode> corpus() {
        try (InputStream in = HostileRequestTest.class.getResourceAsStream("/hostile/requests.json")) {
            List<JsonNode> cases = new ArrayList<>();
            JSON.readTree(in).forEach(cases::add);
            return cases;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> viaHandler() {
        return corpus().stream().filter(c -> c.path("handler").asBoolean(true))
                .map(c -> Arguments.of(c.path("name").asText(), c));
    }

    static Stream<Arguments> viaHttp() {
        return corpus().stream().filter(c -> c.path("http").asBoolean(false))
                .map(c -> Arguments.of(c.path("name").asText(), c));
    }

    @Test
    void theCorpusHoldsMoreThanFiftyRequestsAndAThirdOfThemRunOverHttp() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(viaHttp().count()).isGreaterThanOrEqualTo(30);
        assertThat(corpus().stream().map(c -> c.path("name").asText()).distinct().count()).isEqualTo(corpus().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viaHandler")
    void isRefusedByTheHandlerChangingNothing(String name, JsonNode c) {
        State before = State.now();

        Reply reply = env.call(event(c));

        assertThat(reply.status()).as("%s: %s", name, reply.body()).isEqualTo(c.path("status").asInt());
        assertRefusal(reply.body(), c.path("field").asText(null), name);
        assertThat(State.now()).as("state after %s", name).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("viaHttp")
    void isRefusedOverHttpChangingNothing(String name, JsonNode c) throws IOException {
        State before = State.now();

        HttpReply reply = send(c);

        int expected = c.has("httpStatus") ? c.path("httpStatus").asInt() : c.path("status").asInt();
        assertThat(reply.status).as("%s: %s", name, reply.body).isEqualTo(expected);
        assertThat(reply.headers.toLowerCase(java.util.Locale.ROOT)).as(name).contains("content-type: application/json");
        // What API Gateway answers itself names no field: a route it does not have, a request line Jetty refuses.
        String field = c.has("httpField") ? c.path("httpField").asText(null)
                : c.has("httpStatus") ? null : c.path("field").asText(null);
        assertRefusal(JSON.readTree(reply.body), field, name);
        assertThat(State.now()).as("state after %s", name).isEqualTo(before);
    }

    private static void assertRefusal(JsonNode body, String field, String name) {
        assertThat(OpenApiContract.get().validate("#/components/schemas/Error", body)).as("%s: %s", name, body).isEmpty();
        assertThat(body.path("code").asText()).as(name).isNotEqualTo(ErrorResponses.INTERNAL);
        assertThat(body.path("message").asText()).as(name).isNotBlank();
        if (field != null) {
            assertThat(body.path("field").asText(null)).as("%s: %s", name, body).isEqualTo(field);
        }
    }

    /** Everything a request could change: objects, registry items, trust policies, queued requests. */
    private record State(Set<String> objects, Set<String> items, List<String> policies, int queued) {
        static State now() {
            Set<String> objects = new TreeSet<>();
            lake.s3().listBuckets().buckets().stream().filter(b -> b.name().contains("hos")).forEach(b -> lake.s3()
                    .listObjectsV2Paginator(r -> r.bucket(b.name())).contents()
                    .forEach(o -> objects.add(b.name() + "/" + o.key() + " " + o.eTag())));
            Set<String> items = new TreeSet<>();
            for (RegistryTable table : RegistryTable.values()) {
                String t = env.names().registryTable(table);
                lake.dynamo().scanPaginator(r -> r.tableName(t)).items().forEach(i -> items.add(t + " " + i));
            }
            List<String> policies = new ArrayList<>();
            for (String dataset : List.of("orders", "orders_archive")) {
                for (AccessLevel level : AccessLevel.values()) {
                    policies.add(env.iam().trustPolicy(env.names().datasetRole(dataset, level)));
                }
            }
            return new State(objects, items, policies, env.queue().sent().size());
        }
    }

    private static String body(JsonNode c) {
        String generate = c.path("generate").asText("");
        return switch (generate) {
            case "deep" -> "{\"dropKey\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
            case "huge" -> "{\"dropKey\": \"orders/" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
            default -> c.has("body") ? c.path("body").asText() : null;
        };
    }

    private static Map<String, String> query(JsonNode c) {
        Map<String, String> query = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("query").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            for (Map.Entry<String, String> token : TOKENS.entrySet()) {
                value = value.replace(token.getKey(), token.getValue());
            }
            query.put(e.getKey(), value);
        }
        return query;
    }

    /** The headers of the case over the base event's: Content-Type JSON unless the case says otherwise (null removes). */
    private static Map<String, String> headers(JsonNode c, Map<String, String> base) {
        Map<String, String> headers = new LinkedHashMap<>(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("headers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                headers.remove(e.getKey());
            } else {
                headers.put(e.getKey(), e.getValue().asText());
            }
        }
        return headers;
    }

    /** The proxy event API Gateway would send for the case: its route template and decoded path parameters. */
    private static APIGatewayProxyRequestEvent event(JsonNode c) {
        APIGatewayProxyRequestEvent event = Events.load("post-grant");
        String method = c.path("method").asText();
        String rawPath = c.path("path").asText();
        String resource = null;
        Map<String, String> parameters = null;
        for (Iterator<String> templates = OpenApiContract.get().document().path("paths").fieldNames(); templates.hasNext(); ) {
            String template = templates.next();
            String[] t = template.substring(1).split("/", -1);
            String[] p = rawPath.substring(1).split("/", -1);
            if (t.length != p.length) {
                continue;
            }
            Map<String, String> bound = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < t.length && matches; i++) {
                Matcher m = PARAMETER.matcher(t[i]);
                if (m.matches()) {
                    matches = !p[i].isEmpty();
                    bound.put(m.group(1), p[i]);
                } else {
                    matches = t[i].equals(p[i]);
                }
            }
            if (matches) {
                resource = template;
                parameters = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : bound.entrySet()) {
                    parameters.put(e.getKey(), PercentCodec.decode(e.getValue()));
                }
                break;
            }
        }
        event.setHttpMethod(method);
        event.setResource(resource);
        event.setPath(PercentCodec.decode(rawPath));
        event.getRequestContext().setPath("/prod" + event.getPath());
        event.getRequestContext().setResourcePath(resource);
        event.getRequestContext().setHttpMethod(method);
        event.setPathParameters(parameters == null || parameters.isEmpty() ? null : parameters);
        Map<String, String> query = query(c);
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setMultiValueQueryStringParameters(null);
        event.setHeaders(headers(c, event.getHeaders()));
        event.setMultiValueHeaders(null);
        if (c.has("base64")) {
            event.setBody(c.path("base64").asText());
            event.setIsBase64Encoded(true);
        } else {
            event.setBody(body(c));
            event.setIsBase64Encoded(false);
        }
        return event;
    }

    private record HttpReply(int status, String headers, String body) {
    }

    /** The case written on a socket, so the request line may hold what HTTP clients will not send. */
    private static HttpReply send(JsonNode c) throws IOException {
        URI endpoint = server.endpoint();
        StringBuilder target = new StringBuilder("/v1").append(c.path("path").asText());
        Map<String, String> query = query(c);
        if (!query.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            query.forEach((k, v) -> pairs.add(PercentCodec.encode(k) + "=" + PercentCodec.encode(v)));
            target.append('?').append(String.join("&", pairs));
        }
        Map<String, String> base = new LinkedHashMap<>();
        base.put("Content-Type", "application/json");
        Map<String, String> headers = headers(c, base);
        String body = body(c);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(c.path("method").asText()).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.getHost()).append("\r\nConnection: close\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            int status = Integer.parseInt(head.substring(9, 12));
            return new HttpReply(status, head, text.substring(split + 4));
        }
    }
}
