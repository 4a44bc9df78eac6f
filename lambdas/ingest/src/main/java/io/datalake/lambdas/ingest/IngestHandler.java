package io.datalake.lambdas.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.datalake.lambdas.ingest.exceptions.IngestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.crac.Core;

/**
 * The ingest Lambda: {@code io.datalake.lambdas.ingest.IngestHandler::handleRequest}, triggered by the drop
 * events queue with {@code ReportBatchItemFailures}. Each message is an S3 {@code Object Created}
 * event (through EventBridge) or an ingest request of the REST API; each is ingested on its own and
 * a failed one is reported back as a batch item failure, so SQS redelivers only that message (and
 * after the queue's receive count, moves it to the dead-letter queue). The batch as a whole never
 * fails.
 *
 * <p>The SDK clients and the {@link Ingestor} are built once per container, when Lambda loads the
 * class (inside the SnapStart snapshot, primed by {@link Priming}); the configuration comes from
 * environment variables ({@link IngestConfig}).
 */
public final class IngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Messages not started when less time than this is left are handed back to SQS untouched. */
    static final long MIN_REMAINING_MILLIS = 10_000;

    private final Ingestor ingestor;
    private final JsonLog log;

    /** The constructor Lambda calls: the container's ingestor, configured from the environment. */
    public IngestHandler() {
        this(Container.INGESTOR, Container.LOG);
    }

    /** A handler over a given ingestor: for tests and the local lake. */
    public IngestHandler(Ingestor ingestor, JsonLog log) {
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        String requestId = context == null ? null : context.getAwsRequestId();
        for (SQSEvent.SQSMessage message : messages) {
            if (context != null && context.getRemainingTimeInMillis() < MIN_REMAINING_MILLIS) {
                log.warn("not started: too little time left", "messageId", message.getMessageId(), "requestId", requestId,
                        "remainingMs", context.getRemainingTimeInMillis());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            if (!handle(message, requestId)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Ingests every delivery of one message; returns false when the message must come back. */
    private boolean handle(SQSEvent.SQSMessage message, String requestId) {
        String messageId = message.getMessageId();
        Delivery current = null;
        try {
            for (MessageReader.Message item : MessageReader.read(message.getBody())) {
                if (item instanceof MessageReader.Ignore ignore) {
                    log.info("ignored", "messageId", messageId, "requestId", requestId, "reason", ignore.reason());
                    continue;
                }
                current = ((MessageReader.Deliver) item).delivery();
                long start = System.nanoTime();
                Outcome outcome = ingestor.ingest(current);
                log(outcome, current, messageId, requestId, (System.nanoTime() - start) / 1_000_000);
            }
            return true;
        } catch (RuntimeException e) {
            boolean retryable = !(e instanceof IngestException ingest) || ingest.retryable();
            log.error("failed", "messageId", messageId, "requestId", requestId, "source", current,
                    "error", e.getClass().getSimpleName(), "reason", e.getMessage(), "retryable", retryable);
            return false;
        }
    }

    private void log(Outcome outcome, Delivery delivery, String messageId, String requestId, long millis) {
        Object[] fields = {"messageId", messageId, "requestId", requestId, "source", delivery,
                "dataset", outcome.dataset(), "update", outcome.update(), "state", outcome.state() == null ? null : outcome.state().id(),
                "files", outcome.files().size(), "bytes", outcome.bytes(), "reason", outcome.reason(), "ms", millis};
        String message = outcome.status().name().toLowerCase(java.util.Locale.ROOT);
        switch (outcome.status()) {
            case QUARANTINED, REJECTED, REFUSED -> log.warn(message, fields);
            default -> log.info(message, fields);
        }
    }

    /** What one container builds once: configuration, clients, ingestor, SnapStart priming. */
    private static final class Container {
        static final JsonLog LOG = JsonLog.stdout();
        static final Ingestor INGESTOR;
        /** Held here because a CRaC context may keep its resources only weakly. */
        static final Priming PRIMING;

        static {
            IngestConfig config = IngestConfig.fromEnvironment(System.getenv());
            IngestClients clients = IngestClients.create(config);
            ConversionTrigger trigger = switch (config.conversion()) {
                case EVENTBRIDGE -> new EventBridgeConversionTrigger(clients.events(), config.eventBus(),
                        config.eventSource(), config.environment().name());
                case LOG -> update -> LOG.info("raw-complete", "dataset", update.dataset(), "update", update.update(),
                        "manifestKey", update.manifestKey());
            };
            INGESTOR = Ingestor.builder()
                    .s3(clients.s3())
                    .dynamo(clients.dynamo())
                    .names(config.names())
                    .tiers(config.tiers())
                    .trigger(trigger)
                    .limits(config.limits())
                    .build();
            PRIMING = new Priming(clients.s3(), clients.dynamo(), config.names().dataBucket(config.tiers().iterator().next()),
                    config.names(), LOG);
            Core.getGlobalContext().register(PRIMING);
        }

        private Container() {
        }
    }
}
