package io.datalake.lambdas.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Announces a {@code raw-complete} update on an EventBridge bus, where the pipelines' rule starts the
 * Glue conversion. The event:
 *
 * <pre>{@code
 * {"source": "datalake.ingest", "detail-type": "Update raw-complete",
 *  "detail": {"env": "dev", "dataset": "sales_orders", "update": "2026-11-21T101500Z-3f9a",
 *             "tier": "internal", "bucket": "acme-datalake-dev-internal-eu-west-1",
 *             "manifestKey": "sales_orders/updates/2026-11-21T101500Z-3f9a.json"}}
 * }</pre>
 *
 * A rule matches it with {@code {"source": ["datalake.ingest"], "detail-type": ["Update raw-complete"]}}.
 */
public final class EventBridgeConversionTrigger implements ConversionTrigger {
    /** The event's {@code source} unless configured ({@code IngestService.EVENT_SOURCE} of the constructs). */
    public static final String DEFAULT_SOURCE = "datalake.ingest";
    /** The event's {@code detail-type}. */
    public static final String DETAIL_TYPE = "Update raw-complete";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBridgeClient events;
    private final String eventBus;
    private final String source;
    private final String env;

    /**
     * @param events the client
     * @param eventBus the bus's name or ARN, e.g. {@code default}
     * @param source the events' {@code source}, e.g. {@value #DEFAULT_SOURCE}
     * @param env the environment's name, carried in the event so one bus can serve several
     */
    public EventBridgeConversionTrigger(EventBridgeClient events, String eventBus, String source, String env) {
        this.events = Objects.requireNonNull(events, "events");
        this.eventBus = Objects.requireNonNull(eventBus, "eventBus");
        this.source = Objects.requireNonNull(source, "source");
        this.env = Objects.requireNonNull(env, "env");
    }

    @Override
    public void rawComplete(RawComplete update) {
        PutEventsResponse response = events.putEvents(r -> r.entries(entry(update)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry failed = response.entries().get(0);
            throw new IllegalStateException("EventBridge refused the raw-complete event of " + update.dataset() + "@"
                    + update.update() + " on bus " + eventBus + ": " + failed.errorCode() + " " + failed.errorMessage());
        }
    }

    /** The event put on the bus. */
    PutEventsRequestEntry entry(RawComplete update) {
        String detail = JSON.createObjectNode()
                .put("env", env)
                .put("dataset", update.dataset())
                .put("update", update.update().toString())
                .put("tier", update.tier().id())
                .put("bucket", update.bucket())
                .put("manifestKey", update.manifestKey())
                .toString();
        return PutEventsRequestEntry.builder()
                .eventBusName(eventBus)
                .source(source)
                .detailType(DETAIL_TYPE)
                .detail(detail)
                .build();
    }
}
