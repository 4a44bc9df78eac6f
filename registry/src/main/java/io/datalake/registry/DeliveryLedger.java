package io.datalake.registry;

import static io.datalake.registry.Items.n;
import static io.datalake.registry.Items.s;

import io.datalake.core.LakeNames;
import io.datalake.core.RegistryTable;
import io.datalake.core.UpdateId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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

    /** The outcome of a claim: the update the delivery belongs to, and whether this call made the claim. */
    public record Claim(String dataset, UpdateId update, boolean fresh, boolean done) {
    }

    /**
     * Claims a delivery for a new update, or returns the update it was claimed for before.
     */
    public Claim claim(String deliveryKey, String dataset, UpdateId proposed, Instant now) {
        try {
            Items.call(table, () -> dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of(PK, s(deliveryKey), "dataset", s(dataset), "updateId", s(proposed.toString()),
                            "claimedAt", s(now.toString()), "done", AttributeValue.fromBool(false),
                            RegistryTable.EXPIRES_AT, n(now.plus(RETENTION).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK))));
            return new Claim(dataset, proposed, true, false);
        } catch (RegistryException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw e;
            }
        }
        Map<String, AttributeValue> item = Items.call(table, () -> dynamo.getItem(r -> r.tableName(table)
                .key(Map.of(PK, s(deliveryKey))).consistentRead(true))).item();
        AttributeValue done = item.get("done");
        return new Claim(Items.text(item, "dataset"), UpdateId.parse(Items.text(item, "updateId")), false,
                done != null && Boolean.TRUE.equals(done.bool()));
    }

    /** Marks a delivery fully processed, so a redelivery is skipped without looking further. */
    public void markDone(String deliveryKey) {
        Items.call(table, () -> dynamo.updateItem(r -> r.tableName(table).key(Map.of(PK, s(deliveryKey)))
                .updateExpression("SET #done = :true").expressionAttributeNames(Map.of("#done", "done"))
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
    }
}
