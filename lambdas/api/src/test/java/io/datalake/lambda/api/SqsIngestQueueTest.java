package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.lambda.api.fakes.FakeSqs;
import io.datalake.local.LocalCredentials;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** The SDK implementation against the fake SQS endpoint, over HTTP in SQS's AWS JSON 1.0 protocol. */
class SqsIngestQueueTest {
    private static FakeSqs fake;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        fake = FakeSqs.start();
        sqs = SqsClient.builder().endpointOverride(fake.endpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        fake.close();
    }

    @Test
    void sendsTheRequestAsTheMessageBodyWithItsTypeAsAnAttribute() {
        String url = fake.createQueue("acme-datalake-dev-drop-events");
        IngestRequest request = new IngestRequest("orders", UpdateId.create(Instant.parse("2026-11-21T10:15:00Z"), new Random(1)),
                "acme-datalake-drop-dev-internal-eu-west-1", "orders/2026-11-21/orders.csv", "drop:b/k#v1", "v1", null);
        new SqsIngestQueue(sqs, url).send(request);

        assertThat(fake.messages()).singleElement().satisfies(m -> {
            assertThat(m.queueUrl()).isEqualTo(url);
            assertThat(IngestRequest.fromJson(m.body())).isEqualTo(request);
            assertThat(m.attributes()).isEqualTo(Map.of("type", IngestRequest.TYPE));
        });
    }

    @Test
    void failsWithTheSdksExceptionForAQueueThatDoesNotExist() {
        IngestRequest request = new IngestRequest("orders", UpdateId.parse("2026-11-21T101500Z-3f9a"), "b", "k", "d", null, null);
        assertThatThrownBy(() -> new SqsIngestQueue(sqs, "https://sqs.eu-west-1.amazonaws.com/123456789012/nope").send(request))
                .isInstanceOf(QueueDoesNotExistException.class);
    }
}
