package io.datalake.lambda.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON response: status, extra headers and a body; every response of the API is one. */
public final class ApiResponse {
    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final JsonNode body;

    private ApiResponse(int status, JsonNode body) {
        this.status = status;
        this.body = body;
    }

    public static ApiResponse ok(JsonNode body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(JsonNode body, String location) {
        return new ApiResponse(201, body).header("Location", location);
    }

    public static ApiResponse accepted(JsonNode body, String location) {
        return new ApiResponse(202, body).header("Location", location);
    }

    public static ApiResponse of(int status, JsonNode body) {
        return new ApiResponse(status, body);
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The proxy integration's response, with the JSON content type and the request id. */
    APIGatewayProxyResponseEvent toEvent(String requestId) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        if (requestId != null) {
            all.put("X-Request-Id", requestId);
        }
        all.putAll(headers);
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(all).withBody(Json.write(body))
                .withIsBase64Encoded(false);
    }
}
