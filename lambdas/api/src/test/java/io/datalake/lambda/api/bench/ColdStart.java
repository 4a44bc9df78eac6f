package io.datalake.lambda.api.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays the Lambda runtime for one cold start, on the shaded jar's class path: instantiates the
 * handler class, reads each event file into the proxy event type, handles it, and prints
 * {@code handled <epoch ms> <status>} after the first event (the script subtracts its launch time)
 * and {@code status <file> <code>} for each. Exits 1 when a response is a 500.
 *
 * <p>Usage: {@code ColdStart [--prime] <handler class> <event.json>...}; with {@code --prime}, the
 * handler's SnapStart hook runs before the first event, as it would before the snapshot.
 */
public final class ColdStart {
    private ColdStart() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean prime = args[0].equals("--prime");
        int first = prime ? 1 : 0;
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
                (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>) Class.forName(args[first])
                        .getDeclaredConstructor().newInstance();
        if (prime) {
            ((org.crac.Resource) handler).beforeCheckpoint(null);
        }
        long initialized = System.nanoTime();
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        boolean fault = false;
        for (int i = first + 1; i < args.length; i++) {
            APIGatewayProxyRequestEvent event = json.readValue(Files.readString(Path.of(args[i])), APIGatewayProxyRequestEvent.class);
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);
            if (i == first + 1) {
                long handled = System.nanoTime();
                System.out.printf("handled %d %d init_ms=%d first_event_ms=%d%n", System.currentTimeMillis(), response.getStatusCode(),
                        (initialized - start) / 1_000_000, (handled - initialized) / 1_000_000);
            }
            System.out.printf("status %s %d %s%n", Path.of(args[i]).getFileName(), response.getStatusCode(),
                    response.getStatusCode() >= 500 ? response.getBody() : "");
            fault |= response.getStatusCode() >= 500;
        }
        System.exit(fault ? 1 : 0);
    }
}
