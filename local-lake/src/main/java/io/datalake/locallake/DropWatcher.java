package io.datalake.locallake;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datalake.core.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local drop zone: watches the drop buckets and hands every object in them to the ingest handler
 * as the SQS message EventBridge would have delivered on AWS ({@code Object Created}), so the
 * ingest code runs unchanged. The ingest deletes (or quarantines) every object it takes, so what is
 * still there on the next poll is offered again, as SQS redelivers a failed message; the handler is
 * idempotent, and answers a delivery it has ingested before as a duplicate and removes it.
 *
 * <p>The local S3 lists only complete objects (no multipart parts or half-received files), and an
 * upload of a key whose delivery is not taken yet waits for it ({@link io.datalake.local.DropBuckets}),
 * so the watcher sees every upload once it is whole. Keys are listed URL-encoded: a key holding a
 * control character is valid in S3, but not in the XML of a plain listing.
 */
public final class DropWatcher {
    /** The queue ARN written into the local messages. */
    static final String QUEUE_ARN = "arn:aws:sqs:local:000000000000:drop-events";
    /** The folder of quarantined objects in each drop bucket, which the ingest writes and never takes. */
    static final String QUARANTINE = "quarantine/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalLake lake;
    private final Function<SQSEvent, SQSBatchResponse> handler;

    public DropWatcher(LocalLake lake, Function<SQSEvent, SQSBatchResponse> handler) {
        this.lake = lake;
        this.handler = handler;
    }

    /**
     * Looks once at every drop bucket and delivers what is new.
     *
     * @return how many messages were delivered and not reported failed
     */
    public int poll() {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        RuntimeException unlisted = null;
        for (Tier tier : lake.names().environment().settings().enabledTiers()) {
            String bucket = lake.names().dropBucket(tier);
            try {
                // URL-encoded keys: a key with a control character is valid in S3 but not in XML 1.0, and
                // would make the whole listing unreadable. The SDK decodes them again.
                for (S3Object object : lake.s3().listObjectsV2Paginator(r -> r.bucket(bucket).encodingType(EncodingType.URL))
                        .contents()) {
                    String key = object.key();
                    // Folder placeholders, and quarantined objects, are not deliveries.
                    if (key.endsWith("/") || key.startsWith(QUARANTINE) || object.eTag() == null) {
                        continue;
                    }
                    messages.add(message(bucket, object));
                }
            } catch (RuntimeException e) {
                // One drop bucket that cannot be listed does not hold up the others.
                unlisted = e;
            }
        }
        if (messages.isEmpty() && unlisted != null) {
            throw unlisted;
        }
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        SQSBatchResponse response = handler.apply(event);
        List<String> failed = response == null || response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        int delivered = 0;
        for (SQSEvent.SQSMessage message : messages) {
            if (!failed.contains(message.getMessageId())) {
                delivered++;
            }
        }
        if (unlisted != null) {
            throw new IllegalStateException("a drop bucket could not be listed: " + unlisted.getMessage(), unlisted);
        }
        return delivered;
    }

    /**
     * Delivers queued message bodies (the API's ingest requests) to the ingest handler.
     *
     * @param retry receives the bodies the handler reported failed, for the next round
     * @return how many were handled
     */
    public int deliver(List<String> bodies, java.util.function.Consumer<String> retry) {
        if (bodies.isEmpty()) {
            return 0;
        }
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(UUID.randomUUID().toString());
            message.setReceiptHandle(message.getMessageId());
            message.setBody(body);
            message.setEventSource("aws:sqs");
            message.setEventSourceArn(QUEUE_ARN);
            message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        SQSBatchResponse response = handler.apply(event);
        List<String> failed = response == null || response.getBatchItemFailures() == null ? List.of()
                : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        int handled = 0;
        for (SQSEvent.SQSMessage message : messages) {
            if (failed.contains(message.getMessageId())) {
                retry.accept(message.getBody());
            } else {
                handled++;
            }
        }
        return handled;
    }

    /** The EventBridge {@code Object Created} event of an object, wrapped in an SQS message. */
    static SQSEvent.SQSMessage message(String bucket, S3Object object) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Object Created");
        event.put("source", "aws.s3");
        event.put("time", Instant.now().toString());
        event.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode detail = event.putObject("detail");
        detail.putObject("bucket").put("name", bucket);
        String etag = object.eTag().replace("\"", "");
        detail.putObject("object").put("key", object.key()).put("size", object.size()).put("etag", etag)
                .put("sequencer", etag);
        detail.put("reason", "PutObject");
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle(message.getMessageId());
        message.setBody(event.toString());
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(QUEUE_ARN);
        message.setAwsRegion("local");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
        return message;
    }
}
