package io.datalake.lambdas.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.LakeConfigException;
import io.datalake.core.update.IngestRequest;
import io.datalake.lambdas.ingest.exceptions.MalformedMessageException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of an ingest queue message. Three shapes are understood:
 * <ul>
 *   <li>an EventBridge event from S3 ({@code "source": "aws.s3"}), as the drop zone's rule puts it on
 *       the queue; only {@code Object Created} is acted on. Its {@code detail.object.key} is the key
 *       as stored, so it is used as it is;</li>
 *   <li>an S3 event notification ({@code "Records": [...]}) for buckets that notify the queue
 *       directly; its keys are URL-encoded ({@code red+flower.jpg}) and are decoded here;</li>
 *   <li>an {@link IngestRequest} from the REST API.</li>
 * </ul>
 * Anything else is a {@link MalformedMessageException}, so it ends in the dead-letter queue.
 */
public final class MessageReader {
    /** A field given twice is malformed: two readers of one body must never see two different requests. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** What a message asks for: a delivery to ingest, or nothing (with the reason it is ignored). */
    public sealed interface Message permits Deliver, Ignore {
    }

    /** A delivery to ingest. */
    public record Deliver(Delivery delivery) implements Message {
    }

    /** A well-formed message that asks for nothing, e.g. an {@code Object Deleted} event. */
    public record Ignore(String reason) implements Message {
    }

    private MessageReader() {
    }

    /**
     * @throws MalformedMessageException saying what is wrong with the body
     */
    public static List<Message> read(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedMessageException("the message body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("the message body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("the message body is not a JSON object");
        }
        if (IngestRequest.isRequest(root)) {
            try {
                return List.of(new Deliver(Delivery.api(IngestRequest.fromJson(body))));
            } catch (LakeConfigException e) {
                throw new MalformedMessageException(e.getMessage());
            }
        }
        if ("aws.s3".equals(root.path("source").asText(null))) {
            return List.of(eventBridge(root));
        }
        if (root.has("Records")) {
            return notification(root.get("Records"));
        }
        if ("s3:TestEvent".equals(root.path("Event").asText(null))) {
            return List.of(new Ignore("S3 test event"));
        }
        throw new MalformedMessageException("the message is neither an S3 event nor an ingest request (type '"
                + IngestRequest.TYPE + "')");
    }

    private static Message eventBridge(JsonNode event) {
        String type = event.path("detail-type").asText("");
        if (!type.equals("Object Created")) {
            return new Ignore("S3 event '" + type + "' is not 'Object Created'");
        }
        JsonNode detail = event.path("detail");
        JsonNode object = detail.path("object");
        String bucket = required(detail.path("bucket"), "name", "detail.bucket.name");
        String key = required(object, "key", "detail.object.key");
        return new Deliver(Delivery.drop(bucket, key, text(object, "version-id"), text(object, "sequencer"),
                text(object, "etag")));
    }

    private static List<Message> notification(JsonNode records) {
        if (!records.isArray()) {
            throw new MalformedMessageException("'Records' of an S3 notification must be an array");
        }
        List<Message> messages = new ArrayList<>();
        for (JsonNode record : records) {
            String name = record.path("eventName").asText("");
            if (!"aws:s3".equals(record.path("eventSource").asText()) || !name.startsWith("ObjectCreated:")) {
                messages.add(new Ignore("S3 notification '" + name + "' is not ObjectCreated"));
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = required(s3.path("bucket"), "name", "s3.bucket.name");
            String encoded = required(s3.path("object"), "key", "s3.object.key");
            JsonNode object = s3.path("object");
            String key;
            try {
                key = URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("s3.object.key '" + encoded + "' is not URL-encoded: " + e.getMessage());
            }
            messages.add(new Deliver(Delivery.drop(bucket, key, text(object, "versionId"), text(object, "sequencer"),
                    text(object, "eTag"))));
        }
        return messages;
    }

    private static String required(JsonNode node, String field, String path) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw new MalformedMessageException("the S3 event lacks " + path);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
