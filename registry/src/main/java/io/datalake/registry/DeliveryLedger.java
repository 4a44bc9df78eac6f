package io.datalake.registry;

import static io.datalake.registry.Items.n;
import static io.datalake.registry.Items.s;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Makes ingest idempotent. The first worker to see a delivery claims it with a conditional write
 * and names the update it will become; a worker that sees the same delivery again (S3 and SQS
 * deliver at least once) gets the same update id back and resumes or skips it, never starting a
 * second update. Claims expire after {@link #RETENTION}, long after any redelivery.
 */
public final class DeliveryLedger {
    /** How long a delivery is remembered. */
    public static final Duration RETENTION = Duration.ofDays(30);
    private static final String PK = RegistryTable.DELIVERIES.partitionKey();

    private final DynamoDbClient dynamo;
    private final String table;

    public DeliveryLedger(DynamoDbClient dynamo, LakeNames names) {
        this.dynamo = dynamo;
        this.table = names.registryTable(RegistryTable.DELIVERIES);
    }

    /**
     * The outcome of a claim: the update the delivery belongs to, whether this call made the claim,
     * and what the REST API accepted when it made it.
     *
     * @param accepted the object the API accepted; {@code null} when ingest claimed the delivery from a drop event
     */
    public record Claim(String dataset, UpdateId update, boolean fresh, boolean done, Accepted accepted) {
    }

    /**
     * The API's record of a request it accepted ({@code POST /datasets/{name}/updates}): the object,
     * pinned to the version (else the ETag) the API saw. Ingest honours an ingest request only when
     * the ledger holds this record for its delivery key and the request matches it, so a message
     * put on the queue by anyone else copies nothing.
     *
     * @param versionId the object's version id; {@code null} in an unversioned bucket
     * @param etag the object's ETag without quotes; {@code null} if unknown
     */
    public record Accepted(String bucket, String key, String versionId, String etag) {
        public Accepted {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Claims a delivery for a new update, or returns the update it was claimed for before.
     */
    public Claim claim(String deliveryKey, String dataset, UpdateId proposed, Instant now) {
        return claim(deliveryKey, dataset, proposed, now, null);
    }

    /**
     * Claims a delivery for a new update on behalf of the REST API, recording what it accepted, or
     * returns the claim made before (with whatever was recorded then).
     *
     * @param accepted the object the API accepted; {@code null} for a claim of ingest itself
     */
    public Claim claim(String deliveryKey, String dataset, UpdateId proposed, Instant now, Accepted accepted) {
        Map<String, AttributeValue> fresh = new HashMap<>(Map.of(PK, s(deliveryKey), "dataset", s(dataset),
                "updateId", s(proposed.toString()), "claimedAt", s(now.toString()), "done", AttributeValue.fromBool(false),
                RegistryTable.EXPIRES_AT, n(now.plus(RETENTION).getEpochSecond())));
        if (accepted != null) {
            fresh.put("acceptedBucket", s(accepted.bucket()));
            fresh.put("acceptedKey", s(accepted.key()));
            if (accepted.versionId() != null) {
                fresh.put("acceptedVersionId", s(accepted.versionId()));
            }
            if (accepted.etag() != null) {
                fresh.put("acceptedEtag", s(accepted.etag()));
            }
        }
        try {
            Items.call(table, () -> dynamo.putItem(r -> r.tableName(table).item(fresh)
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return new Claim(dataset, proposed, true, false, accepted);
        } catch (RegistryException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
        }
        return find(deliveryKey).orElseThrow(() -> new IllegalStateException("delivery " + deliveryKey
                + " was claimed, but its claim cannot be read"));
    }

    /** The claim of a delivery, if there is one; read consistently. */
    public Optional<Claim> find(String deliveryKey) {
        Map<String, AttributeValue> item = Items.call(table, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(PK, s(deliveryKey))).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue done = item.get("done");
        String bucket = Items.optionalText(item, "acceptedBucket");
        Accepted accepted = bucket == null ? null : new Accepted(bucket, Items.text(item, "acceptedKey"),
                Items.optionalText(item, "acceptedVersionId"), Items.optionalText(item, "acceptedEtag"));
        return Optional.of(new Claim(Items.text(item, "dataset"), UpdateId.parse(Items.text(item, "updateId")), false,
                done != null && Boolean.TRUE.equals(done.bool()), accepted));
    }

    /** Marks a delivery fully processed, so a redelivery is skipped without looking further. */
    public void markDone(String deliveryKey) {
        Items.call(table, () -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(deliveryKey)))
                .updateExpression("SET #done = :true").expressionAttributeNames(Map.of("#done", "done"))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
    }
}
