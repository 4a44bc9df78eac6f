package io.datalake.lambda.api.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway REST proxy events from {@code src/test/resources/events/}, in the shape API Gateway
 * sends them, read into the Lambda events library's type as the Lambda runtime would.
 */
public final class Events {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Events() {
    }

    /** The event in {@code events/<name>.json}. */
    public static APIGatewayProxyRequestEvent load(String name) {
        try (InputStream in = Events.class.getResourceAsStream("/events/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no test event events/" + name + ".json");
            }
            return JSON.readValue(in, APIGatewayProxyRequestEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event with one query parameter set (or removed, for null). */
    public static APIGatewayProxyRequestEvent withQuery(APIGatewayProxyRequestEvent event, String name, String value) {
        Map<String, String> query = event.getQueryStringParameters() == null ? new HashMap<>()
                : new HashMap<>(event.getQueryStringParameters());
        if (value == null) {
            query.remove(name);
        } else {
            query.put(name, value);
        }
        return event.withQueryStringParameters(query.isEmpty() ? null : query);
    }

    /** The event with one header set. */
    public static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
        Map<String, String> headers = event.getHeaders() == null ? new HashMap<>() : new HashMap<>(event.getHeaders());
        headers.put(name, value);
        return event.withHeaders(headers);
    }
}
