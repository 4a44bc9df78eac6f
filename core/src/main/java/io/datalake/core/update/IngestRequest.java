package io.datalake.core.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.util.Objects;

/**
 * An ingest the REST API asked for ({@code POST /datasets/{name}/updates}): the API claims the
 * delivery, answers 202 with the update id, and puts this message on the ingest queue, where the
 * ingest service picks it up beside the drop buckets' S3 events. Its {@link #TYPE} field tells
 * the two kinds of message apart.
 *
 * <p>It pins the object the API looked at: its version id in a versioned bucket, else its ETag, so
 * that ingest copies that content or refuses, never a later write of the same key.
 *
 * @param versionId the object's version id; {@code null} in an unversioned bucket
 * @param etag the object's ETag without quotes; {@code null} if unknown
 */
public record IngestRequest(String dataset, UpdateId update, String bucket, String key, String deliveryKey,
                            String versionId, String etag) {
    /** The value of the message's {@code type} field. */
    public static final String TYPE = "lake.ingest-request";
    private static final ObjectMapper JSON = new ObjectMapper();

    public IngestRequest {
        DatasetLayout.checkName(dataset);
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        versionId = versionId == null || versionId.isBlank() || versionId.equals("null") ? null : versionId;
        etag = etag == null || etag.isBlank() ? null : etag;
    }

    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode().put("type", TYPE).put("dataset", dataset)
                .put("update", update.toString()).put("bucket", bucket).put("key", key).put("deliveryKey", deliveryKey);
        if (versionId != null) {
            node.put("versionId", versionId);
        }
        if (etag != null) {
            node.put("etag", etag);
        }
        return node.toString();
    }

    /** Whether a queue message body is an ingest request (rather than an S3 event). */
    public static boolean isRequest(JsonNode body) {
        return TYPE.equals(body.path("type").asText());
    }

    /** @throws LakeConfigException naming the missing field */
    public static IngestRequest fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new IngestRequest(field(node, "dataset"), UpdateId.parse(field(node, "update")), field(node, "bucket"),
                    field(node, "key"), field(node, "deliveryKey"), node.path("versionId").asText(null),
                    node.path("etag").asText(null));
        } catch (JsonProcessingException e) {
            throw new LakeConfigException("ingest request is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String field(JsonNode node, String name) {
        if (!node.hasNonNull(name)) {
            throw new LakeConfigException("ingest request lacks '" + name + "'");
        }
        return node.get(name).asText();
    }
}
