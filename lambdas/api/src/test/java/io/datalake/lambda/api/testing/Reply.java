package io.datalake.lambda.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A response as a test reads it: status, headers and the parsed JSON body. */
public record Reply(int status, Map<String, String> headers, JsonNode body) {
    /** The error's {@code field}, or null. */
    public String field() {
        return body.path("field").asText(null);
    }

    public String code() {
        return body.path("code").asText(null);
    }

    public String message() {
        return body.path("message").asText(null);
    }
}
