package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.UpdateSource;
import io.datalake.lambdas.ingest.exceptions.MalformedMessageException;
import org.junit.jupiter.api.Test;

class MessageReaderTest {
    static final String EVENTBRIDGE = """
            {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
             "account":"111122223333","time":"2026-11-21T10:15:00Z","region":"eu-west-1",
             "resources":["arn:aws:s3:::acme-datalake-drop-test-internal-eu-west-1"],
             "detail":{"version":"0","bucket":{"name":"acme-datalake-drop-test-internal-eu-west-1"},
              "object":{"key":"sales_orders/my file+1.csv","size":5,"etag":"b1946ac92492d2347c6235b4d2611184",
                        "version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
              "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"PutObject"}}
            """;

    @Test
    void eventBridgeKeysAreTakenAsTheyAre() {
        Delivery delivery = deliveryOf(EVENTBRIDGE);

        assertThat(delivery.bucket()).isEqualTo("acme-datalake-drop-test-internal-eu-west-1");
        assertThat(delivery.key()).isEqualTo("sales_orders/my file+1.csv");
        assertThat(delivery.versionId()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
        assertThat(delivery.sequencer()).isEqualTo("617f08299329d189");
        assertThat(delivery.etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(delivery.deliveryKey())
                .isEqualTo("drop:acme-datalake-drop-test-internal-eu-west-1/sales_orders/my file+1.csv#IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
    }

    @Test
    void withoutVersionsTheSequencerTellsWritesApart() {
        Delivery delivery = deliveryOf(EVENTBRIDGE.replace("\"version-id\":\"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e\",", ""));

        assertThat(delivery.versionId()).isNull();
        assertThat(delivery.source()).isEqualTo(new UpdateSource(UpdateSource.Kind.DROP,
                "acme-datalake-drop-test-internal-eu-west-1", "sales_orders/my file+1.csv", "617f08299329d189"));
    }

    @Test
    void notificationKeysAreUrlDecoded() {
        String notification = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put",
                  "s3":{"bucket":{"name":"drop"},"object":{"key":"sales_orders/my+file%2B1.csv","size":5,
                  "eTag":"b1946ac92492d2347c6235b4d2611184","sequencer":"0A1B"}}}]}
                """;

        assertThat(deliveryOf(notification).key()).isEqualTo("sales_orders/my file+1.csv");
    }

    @Test
    void ingestRequestsOfTheApiAreRead() {
        IngestRequest request = new IngestRequest("sales_orders", UpdateId.parse("2026-11-21T101500Z-3f9a"), "staging",
                "up/x.csv", "api:1", null, "9b2cf535f27731c974343645a3985328");

        Delivery delivery = deliveryOf(request.toJson());

        assertThat(delivery.request()).isEqualTo(request);
        assertThat(delivery.kind()).isEqualTo(UpdateSource.Kind.API);
        assertThat(delivery.deliveryKey()).isEqualTo("api:1");
    }

    @Test
    void otherS3EventsAreIgnored() {
        assertThat(MessageReader.read(EVENTBRIDGE.replace("Object Created", "Object Deleted")))
                .containsExactly(new MessageReader.Ignore("S3 event 'Object Deleted' is not 'Object Created'"));
        assertThat(MessageReader.read("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"))
                .containsExactly(new MessageReader.Ignore("S3 test event"));
    }

    @Test
    void anythingElseIsMalformed() {
        assertThatThrownBy(() -> MessageReader.read("not json")).isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("the message body is not JSON");
        assertThatThrownBy(() -> MessageReader.read("[1]")).hasMessage("the message body is not a JSON object");
        assertThatThrownBy(() -> MessageReader.read("{\"hello\":1}")).hasMessageContaining("neither an S3 event nor an ingest request");
        assertThatThrownBy(() -> MessageReader.read("{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}"))
                .hasMessage("the S3 event lacks detail.bucket.name");
        assertThatThrownBy(() -> MessageReader.read("{\"type\":\"lake.ingest-request\",\"dataset\":\"sales\"}"))
                .hasMessage("ingest request lacks 'update'");
        assertThatThrownBy(() -> MessageReader.read("")).hasMessage("the message body is empty");
    }

    private static Delivery deliveryOf(String body) {
        return ((MessageReader.Deliver) MessageReader.read(body).get(0)).delivery();
    }
}
