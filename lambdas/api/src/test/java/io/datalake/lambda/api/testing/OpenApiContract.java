package io.datalake.lambda.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's OpenAPI description ({@code openapi.yaml} on the class path) as a contract the tests
 * hold responses and request bodies to, through JSON Schema validation with the OpenAPI 3.0
 * dialect.
 */
public final class OpenApiContract {
    public static final String RESOURCE = "openapi.yaml";
    private static final OpenApiContract INSTANCE = new OpenApiContract();

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            this.document = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
                .metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
        this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    public static OpenApiContract get() {
        return INSTANCE;
    }

    public JsonNode document() {
        return document;
    }

    /** Every operation as {@code GET /datasets/{name}}. */
    public Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    public JsonNode operation(String method, String template) {
        return document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    /** The problems of a response body against the operation's schema for that status; empty when it conforms. */
    public List<String> checkResponse(String method, String template, int status, JsonNode body) {
        JsonNode operation = template == null ? null : operation(method, template);
        if (operation == null || operation.isMissingNode()) {
            return status >= 400 ? validate("#/components/schemas/Error", body)
                    : List.of("no operation " + method + " " + template + " in " + RESOURCE);
        }
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            return List.of(method + " " + template + " does not declare status " + status + " in " + RESOURCE);
        }
        response = resolve(response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.has("$ref")) {
            return List.of(method + " " + template + " " + status + " has no JSON schema reference");
        }
        return validate(schema.get("$ref").asText(), body);
    }

    /** The problems of a request body against the operation's request schema. */
    public List<String> checkRequest(String method, String template, JsonNode body) {
        JsonNode schema = operation(method, template).path("requestBody").path("content").path("application/json").path("schema");
        return validate(schema.path("$ref").asText(), body);
    }

    /** The request body examples of every operation, as {@code (method, template, name, value)}. */
    public List<Object[]> requestExamples() {
        List<Object[]> examples = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode content = op.getValue().path("requestBody").path("content").path("application/json");
            for (Iterator<Map.Entry<String, JsonNode>> it = content.path("examples").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> example = it.next();
                examples.add(new Object[] {op.getKey().toUpperCase(Locale.ROOT), path.getKey(), example.getKey(),
                        example.getValue().path("value")});
            }
        }));
        return examples;
    }

    /** Follows a {@code $ref} within the document. */
    public JsonNode resolve(JsonNode node) {
        if (!node.has("$ref")) {
            return node;
        }
        String ref = node.get("$ref").asText();
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are used, but " + ref + " was found");
        }
        return resolve(document.at(ref.substring(1)));
    }

    /** Validates against a schema of the document given by its reference, {@code #/components/schemas/X}. */
    public List<String> validate(String ref, JsonNode value) {
        JsonSchema schema = schemas.computeIfAbsent(ref, r -> factory.getSchema(SchemaLocation.of("classpath:" + RESOURCE + r), config));
        return schema.validate(value).stream().map(ValidationMessage::getMessage).toList();
    }
}
