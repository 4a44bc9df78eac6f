package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.IngestRequest;
import io.datalake.core.update.ManifestFile;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.registry.DeliveryLedger;
import io.datalake.registry.UpdateRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLake.Extension.class)
class UpdateRoutesTest {
    private static final String DROP = "acme-datalake-drop-upd-internal-eu-west-1";
    private static final String DROP_KEY = "orders/2026-11-21/orders.csv";
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("upd");
        env.dataset("orders", Tier.INTERNAL);
        env.dataset("orders_archive", Tier.INTERNAL);
        for (int day = 1; day <= 5; day++) {
            Instant at = Instant.parse("2026-11-0" + day + "T10:00:00Z");
            env.update(new UpdateRecord("orders", UpdateId.parse("2026-11-0" + day + "T100000Z-000" + day), UpdateState.COMPLETE,
                    "drop:b/k" + day + "#v", null, 100L * day, 10L * day, at, at, null));
        }
        UpdateManifest manifest = UpdateManifest.builder().dataset("orders").update(UpdateId.parse("2026-11-21T101500Z-3f9a"))
                .state(UpdateState.COMPLETE).source(new UpdateSource(UpdateSource.Kind.DROP, DROP, DROP_KEY, "v1"))
                .createdAt(Instant.parse("2026-11-21T10:15:00Z")).completedAt(Instant.parse("2026-11-21T10:16:00Z"))
                .rawFile(new ManifestFile("orders.csv", 1234, "a".repeat(64)))
                .dataFile(new ManifestFile("part-0.parquet", 987, "b".repeat(64)))
                .rowCount(42).upstream(new UpstreamRef("customers", UpdateId.parse("2026-11-20T080000Z-0a0b"))).build();
        env.manifest(manifest, Tier.INTERNAL);
    }

    @BeforeEach
    void emptyQueue() {
        env.queue().clear();
    }

    @Test
    void pagesThroughTheUpdatesNewestFirst() {
        List<String> seen = new ArrayList<>();
        APIGatewayProxyRequestEvent event = Events.load("list-updates");
        int pages = 0;
        while (true) {
            Reply reply = env.call(event);
            assertThat(reply.status()).isEqualTo(200);
            JsonNode updates = reply.body().path("updates");
            assertThat(updates.size()).isLessThanOrEqualTo(2);
            updates.forEach(u -> seen.add(u.path("update").asText()));
            pages++;
            if (!reply.body().has("nextToken")) {
                break;
            }
            event = Events.withQuery(Events.load("list-updates"), "nextToken", reply.body().path("nextToken").asText());
        }
        assertThat(seen).containsExactly("2026-11-05T100000Z-0005", "2026-11-04T100000Z-0004", "2026-11-03T100000Z-0003",
                "2026-11-02T100000Z-0002", "2026-11-01T100000Z-0001");
        assertThat(pages).isBetween(3, 4);
        Reply first = env.call(Events.load("list-updates"));
        assertThat(first.body().path("updates").get(0).path("rowCount").asLong()).isEqualTo(50);
        assertThat(first.body().path("updates").get(0).path("state").asText()).isEqualTo("complete");
    }

    @Test
    void answers400NamingLimitAndNextTokenWhenTheyAreWrong() {
        Reply limit = env.call(Events.load("list-updates-bad-limit"));
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.field()).isEqualTo("limit");
        assertThat(limit.message()).contains("from 1 to 100", "'500'");
        Reply token = env.call(Events.withQuery(Events.load("list-updates"), "nextToken", "not-a-token!"));
        assertThat(token.status()).isEqualTo(400);
        assertThat(token.field()).isEqualTo("nextToken");
    }

    @Test
    void readsAnUpdatesManifestFromTheTierBucket() {
        Reply reply = env.call(Events.load("get-update"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("update").asText()).isEqualTo("2026-11-21T101500Z-3f9a");
        assertThat(reply.body().path("state").asText()).isEqualTo("complete");
        assertThat(reply.body().path("rowCount").asLong()).isEqualTo(42);
        assertThat(reply.body().path("upstreams").get(0).path("dataset").asText()).isEqualTo("customers");
    }

    @Test
    void answers404ForAnUpdateWithoutManifestAnd400ForABadId() {
        Reply missing = env.call(Events.load("get-update-missing"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.message()).contains("no update 2026-11-21T101500Z-0000");
        Reply bad = env.call(Events.load("get-update-bad-id"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("id");
    }

    @Test
    void acceptsAFileInTheDropBucketClaimsItAndQueuesIt() {
        env.putObject(DROP, DROP_KEY, "id,amount\n1,10\n");
        Reply reply = env.call(Events.load("post-update-drop-key"));
        assertThat(reply.status()).isEqualTo(202);
        String update = reply.body().path("update").asText();
        assertThat(update).matches(UpdateId.FORMAT.pattern());
        assertThat(reply.headers()).containsEntry("Location", "/prod/datasets/orders/updates/" + update);
        assertThat(reply.body().path("replayed").asBoolean()).isFalse();
        assertThat(reply.body().path("source").asText()).isEqualTo("s3://" + DROP + "/" + DROP_KEY);

        IngestRequest sent = env.queue().sent().get(0);
        assertThat(sent.dataset()).isEqualTo("orders");
        assertThat(sent.update().toString()).isEqualTo(update);
        assertThat(sent.bucket()).isEqualTo(DROP);
        assertThat(sent.key()).isEqualTo(DROP_KEY);
        assertThat(sent.deliveryKey()).isEqualTo("drop:" + DROP + "/" + DROP_KEY + "#" + reply.body().path("version").asText());
        // The request pins what the API saw: this unversioned bucket's ETag, the MD5 of the content.
        assertThat(sent.versionId()).isNull();
        assertThat(sent.etag()).isEqualTo(reply.body().path("version").asText()).isEqualTo(md5("id,amount\n1,10\n"));

        // The same request again: the same update, queued again until ingest marks the delivery done.
        Reply again = env.call(Events.load("post-update-drop-key"));
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("update").asText()).isEqualTo(update);
        assertThat(again.body().path("replayed").asBoolean()).isTrue();
        assertThat(env.queue().sent()).hasSize(2).allSatisfy(r -> assertThat(r.update().toString()).isEqualTo(update));

        new DeliveryLedger(env.lake().dynamo(), env.names()).markDone(sent.deliveryKey());
        Reply done = env.call(Events.load("post-update-drop-key"));
        assertThat(done.body().path("status").asText()).isEqualTo("done");
        assertThat(done.body().path("update").asText()).isEqualTo(update);
        assertThat(env.queue().sent()).hasSize(2);

        // New content under the same key is a new delivery.
        env.putObject(DROP, DROP_KEY, "id,amount\n1,10\n2,20\n");
        Reply changed = env.call(Events.load("post-update-drop-key"));
        assertThat(changed.body().path("update").asText()).isNotEqualTo(update);
        assertThat(changed.body().path("replayed").asBoolean()).isFalse();
    }

    @Test
    void anIdempotencyKeyReturnsTheSameUpdateEvenWhenTheObjectChanged() {
        String key = "orders/2026-11-22/orders.csv";
        env.putObject(DROP, key, "v1");
        APIGatewayProxyRequestEvent event = Events.withHeader(Events.load("post-update-drop-key")
                .withBody("{\"dropKey\":\"" + key + "\"}"), "idempotency-key", "batch-2026-11-22");
        Reply first = env.call(event);
        env.putObject(DROP, key, "v2, a retry's re-upload");
        Reply retry = env.call(event);
        assertThat(retry.body().path("update").asText()).isEqualTo(first.body().path("update").asText());
        assertThat(retry.body().path("replayed").asBoolean()).isTrue();
        assertThat(env.queue().sent()).extracting(IngestRequest::deliveryKey).containsOnly(
                "api:orders:idempotency-key:batch-2026-11-22:" + DROP + "/" + key);
        // The retry asks for what was accepted first, as recorded: ingest then refuses the changed object, naming both ETags.
        assertThat(env.queue().sent()).extracting(IngestRequest::etag).containsOnly(md5("v1"));

        Reply bad = env.call(Events.withHeader(Events.load("post-update-drop-key"), "Idempotency-Key", "has space"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("Idempotency-Key");
    }

    @Test
    void recordsWhatItAcceptedInTheLedgerBeforeItQueuesTheRequest() {
        String key = "orders/2026-11-23/orders.csv";
        env.putObject(DROP, key, "id\n3\n");
        Reply reply = env.call(Events.load("post-update-drop-key").withBody("{\"dropKey\":\"" + key + "\"}"));

        IngestRequest sent = env.queue().sent().get(0);
        DeliveryLedger.Claim record = new DeliveryLedger(env.lake().dynamo(), env.names()).find(sent.deliveryKey()).orElseThrow();
        assertThat(record.dataset()).isEqualTo("orders");
        assertThat(record.update().toString()).isEqualTo(reply.body().path("update").asText());
        assertThat(record.accepted()).isEqualTo(new DeliveryLedger.Accepted(DROP, key, null, md5("id\n3\n")));
        assertThat(record.done()).isFalse();
    }

    @Test
    void leavesADropObjectWhoseDropEventIngestClaimedFirstToThatEvent() {
        String key = "orders/2026-11-24/orders.csv";
        env.putObject(DROP, key, "id\n4\n");
        UpdateId claimed = UpdateId.parse("2026-11-24T080000Z-0c0c");
        // Ingest claimed the delivery from its S3 event (no record of the API's), and has not finished yet.
        new DeliveryLedger(env.lake().dynamo(), env.names()).claim("drop:" + DROP + "/" + key + "#" + md5("id\n4\n"), "orders",
                claimed, Instant.now());

        Reply reply = env.call(Events.load("post-update-drop-key").withBody("{\"dropKey\":\"" + key + "\"}"));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("update").asText()).isEqualTo(claimed.toString());
        assertThat(reply.body().path("replayed").asBoolean()).isTrue();
        assertThat(env.queue().sent()).as("ingest would refuse a request without the API's record").isEmpty();
    }

    @Test
    void acceptsASourceInAnOutsideBucketTheEnvironmentAllows() {
        env.putObject("partner-exports-upd", "exports/2026-11-21/orders.csv", "id\n1\n");
        Reply reply = env.call(Events.load("post-update-source"));
        assertThat(reply.status()).isEqualTo(202);
        IngestRequest sent = env.queue().sent().get(0);
        assertThat(sent.bucket()).isEqualTo("partner-exports-upd");
        assertThat(sent.deliveryKey()).startsWith("api:partner-exports-upd/exports/2026-11-21/orders.csv#");
    }

    @Test
    void answers409WhenTheObjectWasDeliveredToAnotherDataset() {
        env.putObject("partner-exports-upd", "exports/shared.csv", "id\n1\n");
        String body = "{\"source\":\"s3://partner-exports-upd/exports/shared.csv\"}";
        Reply orders = env.call(Events.load("post-update-source").withBody(body));
        assertThat(orders.status()).isEqualTo(202);
        APIGatewayProxyRequestEvent archive = Events.load("post-update-source").withBody(body)
                .withPath("/datasets/orders_archive/updates").withPathParameters(java.util.Map.of("name", "orders_archive"));
        Reply conflict = env.call(archive);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.code()).isEqualTo("Conflict");
        assertThat(conflict.message()).contains("already delivered to dataset orders as update " + orders.body().path("update").asText());
    }

    @Test
    void answers400NamingTheFieldForEveryKindOfBadBody() {
        assertBadRequest(Events.load("post-update-invalid-source"), "source", "source must be a string");
        assertBadRequest(Events.load("post-update-unknown-field"), "dropkey", "unknown field 'dropkey'");
        assertBadRequest(Events.load("post-update-not-json"), "body", "not JSON");
        assertBadRequest(Events.load("post-update-drop-key").withBody(null), "body", "needs a JSON object body");
        assertBadRequest(Events.load("post-update-drop-key").withBody("[1]"), "body", "must be a JSON object");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{}"), "source", "needs source");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{\"source\":\"s3://a/b\",\"dropKey\":\"orders/x\"}"),
                "source", "exclude each other");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{\"source\":\"https://example.com/x.csv\"}"),
                "source", "must be an S3 URL");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{\"source\":\"s3://acme-datalake-upd-internal-eu-west-1/orders/raw/x\"}"),
                "source", "not one the lake ingests from");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{\"dropKey\":\"customers/x.csv\"}"),
                "dropKey", "under orders/");
        assertBadRequest(Events.load("post-update-drop-key").withBody("{\"dropKey\":\"orders/missing.csv\"}"),
                "dropKey", "no object at s3://" + DROP + "/orders/missing.csv");
        assertThat(env.queue().sent()).isEmpty();
    }

    @Test
    void answers404ForAnUnknownDataset() {
        Reply reply = env.call(Events.load("post-update-unknown-dataset"));
        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void refusesABodyOverOneMebibyteWith413() {
        String big = "{\"dropKey\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}";
        Reply reply = env.call(Events.load("post-update-drop-key").withBody(big));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.code()).isEqualTo("PayloadTooLarge");
        // Multi-byte characters count as bytes, not chars.
        String wide = "{\"dropKey\":\"" + "é".repeat(ApiRequest.MAX_BODY_BYTES / 2 + 1) + "\"}";
        assertThat(env.call(Events.load("post-update-drop-key").withBody(wide)).status()).isEqualTo(413);
        assertThat(env.queue().sent()).isEmpty();
    }

    private static void assertBadRequest(APIGatewayProxyRequestEvent event, String field, String message) {
        Reply reply = env.call(event);
        assertThat(reply.status()).as(event.getBody()).isEqualTo(400);
        assertThat(reply.field()).as(event.getBody()).isEqualTo(field);
        assertThat(reply.message()).as(event.getBody()).contains(message);
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
