package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.OpenApiContract;
import io.datalake.lambda.api.testing.TestLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The OpenAPI description is the API's contract: same routes, and schemas that accept what the API accepts. */
@ExtendWith(TestLake.Extension.class)
class OpenApiTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.get();
    /** Event files whose bodies the API refuses, so the request schema must refuse them too. */
    private static final Set<String> INVALID_BODIES = Set.of("post-update-invalid-source", "post-update-unknown-field",
            "post-grant-admin-level", "post-grant-bad-principal");
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("oas");
    }

    @Test
    void describesEveryRouteOfTheRouterAndNoOther() {
        Set<String> routes = new TreeSet<>();
        env.api().routes().forEach(route -> routes.add(route.toString()));
        assertThat(CONTRACT.operations()).isEqualTo(routes);
    }

    @Test
    void isOpenApi30WithSigV4SecurityAndNoIntegrations() {
        JsonNode doc = CONTRACT.document();
        assertThat(doc.path("openapi").asText()).startsWith("3.0.");
        assertThat(doc.path("security").get(0).has("sigv4")).isTrue();
        assertThat(doc.at("/components/securitySchemes/sigv4/x-amazon-apigateway-authtype").asText()).isEqualTo("awsSigv4");
        List<String> extensions = new ArrayList<>();
        collectExtensions(doc, "", extensions);
        assertThat(extensions).containsExactly("/components/securitySchemes/sigv4/x-amazon-apigateway-authtype");
    }

    @Test
    void declaresEveryOperationWithAnIdItsPathParametersAndItsErrors() {
        Set<String> ids = new TreeSet<>();
        for (String operation : CONTRACT.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String template = operation.substring(operation.indexOf(' ') + 1);
            JsonNode op = CONTRACT.operation(method, template);
            assertThat(ids.add(op.path("operationId").asText())).as(operation + " has a unique operationId").isTrue();
            assertThat(op.path("responses").has("400")).as(operation + " declares 400").isTrue();
            assertThat(op.path("responses").has("500")).as(operation + " declares 500").isTrue();
            Set<String> declared = new TreeSet<>();
            List<JsonNode> parameters = new ArrayList<>();
            CONTRACT.document().path("paths").path(template).path("parameters").forEach(parameters::add);
            op.path("parameters").forEach(parameters::add);
            parameters.stream().map(CONTRACT::resolve).filter(p -> p.path("in").asText().equals("path"))
                    .forEach(p -> declared.add(p.path("name").asText()));
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(operation + " path parameters").isEqualTo(inTemplate);
        }
    }

    @Test
    void itsRequestExamplesConformToTheirSchemas() {
        List<Object[]> examples = CONTRACT.requestExamples();
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Object[] example : examples) {
            assertThat(CONTRACT.checkRequest((String) example[0], (String) example[1], (JsonNode) example[3]))
                    .as("example %s of %s %s", example[2], example[0], example[1]).isEmpty();
        }
    }

    @Test
    void theTestEventBodiesConformUnlessTheApiRefusesThem() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("src/test/resources/events"))) {
            files = list.sorted().toList();
        }
        int checked = 0;
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".json", "");
            APIGatewayProxyRequestEvent event = Events.load(name);
            if (event.getBody() == null || CONTRACT.operation(event.getHttpMethod(), event.getResource()).isMissingNode()) {
                continue;
            }
            JsonNode body;
            try {
                body = json.readTree(event.getBody());
            } catch (IOException e) {
                continue; // not JSON at all: no schema to hold it to
            }
            List<String> problems = CONTRACT.checkRequest(event.getHttpMethod(), event.getResource(), body);
            if (INVALID_BODIES.contains(name)) {
                assertThat(problems).as(name + " is refused by the schema too").isNotEmpty();
            } else {
                assertThat(problems).as(name).isEmpty();
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theSchemasAreStrictEnoughToCatchAWrongResponse() {
        JsonNode wrong = new ObjectMapper().createObjectNode().put("code", "Teapot").put("message", "x");
        assertThat(CONTRACT.checkResponse("GET", "/datasets/{name}", 404, wrong)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(CONTRACT.checkResponse("GET", "/datasets/{name}", 418, wrong)).singleElement().asString()
                .contains("does not declare status 418");
        JsonNode badDate = new ObjectMapper().createObjectNode().set("runs", new ObjectMapper().createArrayNode().add(
                new ObjectMapper().createObjectNode().put("pipeline", "p").put("runId", "r").put("state", "s").put("startedAt", "yesterday")));
        assertThat(CONTRACT.checkResponse("GET", "/runs", 200, badDate)).isNotEmpty();
    }

    private static void collectExtensions(JsonNode node, String pointer, List<String> found) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String at = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                if (e.getKey().startsWith("x-amazon")) {
                    found.add(at);
                }
                collectExtensions(e.getValue(), at, found);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectExtensions(node.get(i), pointer + "/" + i, found);
            }
        }
    }
}
