package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.registry.RunRecord;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLake.Extension.class)
class RunRoutesTest {
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("run");
        env.run(new RunRecord("daily_sales", "2026-11-19T060000Z-aa01", RunRecord.SUCCEEDED, Instant.parse("2026-11-19T06:00:00Z"),
                Instant.parse("2026-11-19T06:04:00Z"), 1200L, null));
        env.run(new RunRecord("daily_sales", "2026-11-20T060000Z-aa02", RunRecord.FAILED, Instant.parse("2026-11-20T06:00:00Z"),
                Instant.parse("2026-11-20T06:01:00Z"), null, "input orders has no complete update"));
        env.run(new RunRecord("customer_360", "2026-11-20T070000Z-bb01", RunRecord.RUNNING, Instant.parse("2026-11-20T07:00:00Z"),
                null, null, null));
    }

    @Test
    void listsTheLatestRunsNewestFirst() {
        Reply reply = env.call(Events.load("list-runs"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("runs").findValuesAsText("runId")).containsExactly("2026-11-20T070000Z-bb01",
                "2026-11-20T060000Z-aa02");
        assertThat(reply.body().path("runs").get(1).path("error").asText()).contains("no complete update");
    }

    @Test
    void listsTheRunsOfOnePipeline() {
        Reply reply = env.call(Events.withQuery(Events.load("list-runs"), "pipeline", "daily_sales"));
        assertThat(reply.body().path("runs").findValuesAsText("runId")).containsExactly("2026-11-20T060000Z-aa02",
                "2026-11-19T060000Z-aa01");
        assertThat(reply.body().path("runs").get(1).path("rows").asLong()).isEqualTo(1200);
    }

    @Test
    void answers400NamingAMisspeltOrInvalidParameter() {
        Reply misspelt = env.call(Events.load("list-runs-misspelt-parameter"));
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.field()).isEqualTo("limt");
        assertThat(misspelt.message()).contains("this route takes limit, pipeline");
        Reply zero = env.call(Events.withQuery(Events.load("list-runs"), "limit", "0"));
        assertThat(zero.field()).isEqualTo("limit");
        Reply pipeline = env.call(Events.withQuery(Events.load("list-runs"), "pipeline", "../etc"));
        assertThat(pipeline.field()).isEqualTo("pipeline");
    }
}
