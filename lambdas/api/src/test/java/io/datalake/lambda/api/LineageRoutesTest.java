package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.core.update.UpstreamRef;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.registry.UpdateRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLake.Extension.class)
class LineageRoutesTest {
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("lin");
        env.dataset("orders", Tier.RESTRICTED);
        env.downstream("orders", "orders_by_day");
        env.downstream("orders", "churn_scores");
        made("2026-11-01T100000Z-0001", List.of(new UpstreamRef("customers", UpdateId.parse("2026-10-31T000000Z-00c1"))));
        made("2026-11-02T100000Z-0002", List.of(new UpstreamRef("customers", UpdateId.parse("2026-11-01T000000Z-00c2")),
                new UpstreamRef("products", UpdateId.parse("2026-11-01T000000Z-00b1"))));
        made("2026-11-03T100000Z-0003", List.of(new UpstreamRef("customers", UpdateId.parse("2026-11-01T000000Z-00c2"))));
        Instant at = Instant.parse("2026-11-04T10:00:00Z");
        env.update(new UpdateRecord("orders", UpdateId.parse("2026-11-04T100000Z-0004"), UpdateState.RECEIVING, "api:x", null, 0,
                null, at, at, null));
    }

    private static void made(String id, List<UpstreamRef> upstreams) {
        Instant at = Instant.parse(id.substring(0, 10) + "T10:00:00Z");
        UpdateManifest.Builder b = UpdateManifest.builder().dataset("orders").update(UpdateId.parse(id)).state(UpdateState.COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.PIPELINE, null, null, null)).createdAt(at).completedAt(at);
        upstreams.forEach(b::upstream);
        UpdateManifest manifest = b.build();
        env.manifest(manifest, Tier.RESTRICTED);
        env.update(new UpdateRecord("orders", manifest.update(), UpdateState.COMPLETE, null, manifest.key(), 0, null, at, at, null));
    }

    @Test
    void collectsTheUpstreamsOfTheUpdatesFromTheirManifests() {
        Reply reply = env.call(Events.load("get-lineage"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("upstreams").toString()).isEqualTo("[{\"dataset\":\"customers\",\"updates\":"
                + "[\"2026-10-31T000000Z-00c1\",\"2026-11-01T000000Z-00c2\"]},{\"dataset\":\"products\",\"updates\":"
                + "[\"2026-11-01T000000Z-00b1\"]}]");
        assertThat(ids(reply.body().path("updates"))).containsExactly("2026-11-04T100000Z-0004",
                "2026-11-03T100000Z-0003", "2026-11-02T100000Z-0002", "2026-11-01T100000Z-0001");
        assertThat(reply.body().path("updates").get(0).path("manifest").asBoolean()).isFalse();
        assertThat(reply.body().path("updates").get(2).path("upstreams").size()).isEqualTo(2);
        assertThat(reply.body().path("downstreams").toString()).isEqualTo("[\"churn_scores\",\"orders_by_day\"]");
        assertThat(reply.body().has("nextToken")).isFalse();
    }

    @Test
    void pagesLikeTheUpdateList() {
        Reply first = env.call(Events.withQuery(Events.load("get-lineage"), "limit", "3"));
        assertThat(first.body().path("updates").size()).isEqualTo(3);
        Reply second = env.call(Events.withQuery(Events.withQuery(Events.load("get-lineage"), "limit", "3"), "nextToken",
                first.body().path("nextToken").asText()));
        assertThat(ids(second.body().path("updates"))).containsExactly("2026-11-01T100000Z-0001");
        assertThat(second.body().path("upstreams").findValuesAsText("dataset")).containsExactly("customers");
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode updates) {
        List<String> ids = new java.util.ArrayList<>();
        updates.forEach(u -> ids.add(u.path("update").asText()));
        return ids;
    }

    @Test
    void answers404ForAnUnknownDataset() {
        Reply reply = env.call(Events.load("get-lineage").withPath("/datasets/returns/lineage")
                .withPathParameters(java.util.Map.of("name", "returns")));
        assertThat(reply.status()).isEqualTo(404);
    }
}
