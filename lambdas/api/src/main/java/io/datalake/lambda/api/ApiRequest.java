package io.datalake.lambda.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.lambda.api.exceptions.BadRequest;
import io.datalake.lambda.api.exceptions.PayloadTooLarge;
import io.datalake.lambda.api.exceptions.UnsupportedMediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request as the routes see it: the API Gateway proxy event with its path parameters decoded,
 * headers looked up without regard to case, and typed accessors that refuse bad input with a
 * {@link BadRequest} naming the parameter.
 */
public final class ApiRequest {
    /** The largest body accepted: 1 MiB. The routes take a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** How Jackson names a field given twice. */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    /** A limit as a plain whole number: no sign, no spaces, no leading zeros. */
    private static final Pattern LIMIT = Pattern.compile("[1-9][0-9]{0,2}");

    private final APIGatewayProxyRequestEvent event;
    private final Map<String, String> pathParameters;
    private final String requestId;

    ApiRequest(APIGatewayProxyRequestEvent event, Map<String, String> pathParameters, String requestId) {
        this.event = event;
        this.pathParameters = Map.copyOf(pathParameters);
        this.requestId = requestId;
    }

    public String method() {
        return event.getHttpMethod();
    }

    /** The request path as API Gateway received it, without the stage. */
    public String path() {
        return event.getPath();
    }

    /** The request's id: API Gateway's, or the Lambda invocation's when API Gateway gave none. */
    public String requestId() {
        return requestId;
    }

    /**
     * The path as the caller addressed it, with the stage when the API is called on its
     * execute-api URL ({@code /prod/datasets/x}), for {@code Location} headers.
     */
    public String callerPath() {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        String path = context == null || context.getPath() == null ? event.getPath() : context.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The caller's IAM identity ({@code requestContext.identity.userArn}), or {@code null}. */
    public String callerArn() {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = event.getRequestContext();
        if (context == null || context.getIdentity() == null) {
            return null;
        }
        return context.getIdentity().getUserArn();
    }

    /** A path parameter of the matched route, percent-decoded. */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no path parameter " + name);
        }
        return value;
    }

    /** A header by name, ignoring case as HTTP does. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String exact = headers.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }

    /** A query string parameter; an empty value counts as absent. */
    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        String value = query == null ? null : query.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /**
     * Refuses query parameters the route does not know, so a misspelt {@code nexttoken} is reported
     * rather than silently ignored.
     */
    public void allowQuery(Set<String> known) {
        Map<String, String> query = event.getQueryStringParameters();
        if (query == null) {
            return;
        }
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw new BadRequest(name, "unknown query parameter '" + name + "'"
                        + (known.isEmpty() ? "; this route takes none" : "; this route takes " + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    /**
     * The {@code limit} query parameter.
     *
     * @throws BadRequest naming {@code limit} when it is not a whole number from 1 to {@code max}
     */
    public int limit(int defaultLimit, int max) {
        Optional<String> text = query("limit");
        if (text.isEmpty()) {
            return defaultLimit;
        }
        if (LIMIT.matcher(text.get()).matches()) {
            int limit = Integer.parseInt(text.get());
            if (limit <= max) {
                return limit;
            }
        }
        throw new BadRequest("limit", "limit must be a whole number from 1 to " + max + ", but '" + text.get() + "' was given");
    }

    /** The body's size in bytes, decoding it first when API Gateway sent it base64-encoded. */
    int bodyBytes() {
        String body = event.getBody();
        if (body == null) {
            return 0;
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return body.length() / 4 * 3; // close enough to decide about a megabyte
        }
        if (body.length() > MAX_BODY_BYTES) { // a char is at least one byte in UTF-8
            return body.length();
        }
        return body.length() * 3 <= MAX_BODY_BYTES ? body.length() : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Refuses a body over {@link #MAX_BODY_BYTES}, before anything reads it. */
    void checkBodySize() {
        int bytes = bodyBytes();
        if (bytes > MAX_BODY_BYTES) {
            throw new PayloadTooLarge("the request body is " + bytes + " bytes; the API accepts at most " + MAX_BODY_BYTES
                    + " bytes (1 MiB)");
        }
    }

    /**
     * The body as a JSON object whose fields are all in {@code known}.
     *
     * @throws BadRequest naming {@code body} when it is missing or not a JSON object, or naming the
     *         first unknown field
     */
    public ObjectNode jsonBody(Set<String> known) {
        checkJsonContentType();
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("body", "the body is marked base64-encoded but is not base64");
            }
        }
        if (body == null || body.isBlank()) {
            throw new BadRequest("body", "the request needs a JSON object body with " + String.join(", ", known.stream().sorted().toList()));
        }
        JsonNode node;
        try {
            node = Json.STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                throw new BadRequest(duplicate.group(1), "the body gives field '" + duplicate.group(1) + "' more than once");
            }
            throw new BadRequest("body", "the body is not JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadRequest("body", "the body must be a JSON object, but it is " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new BadRequest(name, "unknown field '" + name + "'; the body takes " + String.join(", ", known.stream().sorted().toList()));
            }
        }
        return object;
    }

    /**
     * Refuses a body not declared as JSON: {@code Content-Type: application/json}, with at most a
     * {@code charset} of UTF-8. A form post or {@code text/plain} is not read as JSON on a guess.
     *
     * @throws UnsupportedMediaType naming the type that was sent
     */
    void checkJsonContentType() {
        String type = header("Content-Type").orElse(null);
        if (type != null) {
            String[] parts = type.split(";");
            boolean json = parts[0].trim().equalsIgnoreCase("application/json");
            for (int i = 1; i < parts.length && json; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
                json = parameter.isEmpty() || parameter.equals("charset=utf-8");
            }
            if (json) {
                return;
            }
        }
        throw new UnsupportedMediaType("the body must be sent with Content-Type: application/json, but "
                + (type == null ? "no Content-Type" : "'" + type + "'") + " was given");
    }

    /**
     * A string field of a JSON body.
     *
     * @return empty when the field is absent or null
     * @throws BadRequest naming the field when it is there but not a string
     */
    public static Optional<String> text(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new BadRequest(field, field + " must be a string, but " + value.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " " + value + " was given");
        }
        return Optional.of(value.asText());
    }
}
