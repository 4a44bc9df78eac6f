package io.datalake.constructs.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's OpenAPI description as API Gateway deploys it: the file from the repository, with a
 * Lambda proxy integration, IAM (SigV4) authorisation and request validation added to every
 * operation. Clients are generated from the same file, so deployed and documented routes agree.
 */
final class OpenApiDefinition {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDefinition() {
    }

    /**
     * @param invokeUri the Lambda invocation URI every operation integrates with
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Path file, String invokeUri) {
        Map<String, Object> spec;
        try {
            spec = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> paths = (Map<String, Object>) spec.get("paths");
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("the OpenAPI file " + file + " declares no paths");
        }
        for (Object pathItem : paths.values()) {
            for (Map.Entry<String, Object> operation : ((Map<String, Object>) pathItem).entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Map<String, Object> op = (Map<String, Object>) operation.getValue();
                op.put("security", List.of(Map.of("sigv4", List.of())));
                op.put("x-amazon-apigateway-integration", ordered(
                        "type", "aws_proxy",
                        "httpMethod", "POST",
                        "uri", invokeUri,
                        "passthroughBehavior", "when_no_match"));
            }
        }
        Map<String, Object> components = (Map<String, Object>) spec.computeIfAbsent("components", k -> new LinkedHashMap<>());
        Map<String, Object> schemes = (Map<String, Object>) components.computeIfAbsent("securitySchemes", k -> new LinkedHashMap<>());
        schemes.put("sigv4", ordered("type", "apiKey", "name", "Authorization", "in", "header",
                "x-amazon-apigateway-authtype", "awsSigv4"));
        spec.put("x-amazon-apigateway-request-validators", Map.of("all",
                ordered("validateRequestBody", true, "validateRequestParameters", true)));
        spec.put("x-amazon-apigateway-request-validator", "all");
        return spec;
    }

    /**
     * A map in the order given. The API's deployment id is a hash of this definition, and
     * {@code Map.of} iterates in an order that changes from one JVM to the next.
     */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
