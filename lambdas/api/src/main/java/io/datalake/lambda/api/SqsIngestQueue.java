package io.datalake.lambda.api;

import io.datalake.core.update.IngestRequest;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The ingest queue on SQS: one message per request, its body {@link IngestRequest#toJson()}, with
 * the message type also as a message attribute so consumers and queue tooling can tell it from
 * the drop buckets' S3 events without parsing the body.
 */
public final class SqsIngestQueue implements IngestQueue {
    /** The message attribute holding {@link IngestRequest#TYPE}. */
    public static final String TYPE_ATTRIBUTE = "type";

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsIngestQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(IngestRequest request) {
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(request.toJson())
                .messageAttributes(Map.of(TYPE_ATTRIBUTE, MessageAttributeValue.builder()
                        .dataType("String").stringValue(IngestRequest.TYPE).build())));
    }
}
