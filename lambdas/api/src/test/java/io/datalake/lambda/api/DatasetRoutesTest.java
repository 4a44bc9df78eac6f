package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.core.Tier;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.Reply;
import io.datalake.lambda.api.testing.TestLake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLake.Extension.class)
class DatasetRoutesTest {
    private static LakeEnv env;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("dsr");
        env.dataset("orders", Tier.INTERNAL);
        env.dataset("customers", Tier.SENSITIVE);
    }

    @Test
    void listsTheRegisteredDatasetsByName() {
        Reply reply = env.call(Events.load("list-datasets"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("datasets").findValuesAsText("name")).containsExactly("customers", "orders");
        assertThat(reply.body().path("datasets").get(0).path("tier").asText()).isEqualTo("sensitive");
    }

    @Test
    void describesADatasetWithItsStorageRolesAndSpec() {
        Reply reply = env.call(Events.load("get-dataset"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("name").asText()).isEqualTo("orders");
        assertThat(reply.body().path("storage").path("bucket").asText()).isEqualTo("acme-datalake-dsr-internal-eu-west-1");
        assertThat(reply.body().path("storage").path("dropBucket").asText()).isEqualTo("acme-datalake-drop-dsr-internal-eu-west-1");
        assertThat(reply.body().path("storage").path("prefix").asText()).isEqualTo("orders/");
        assertThat(reply.body().path("roles").path("read").asText()).isEqualTo("acme-datalake-dsr-ds-orders-read");
        assertThat(reply.body().path("spec").path("format").path("type").asText()).isEqualTo("csv");
        assertThat(reply.headers()).containsEntry("X-Request-Id", "c6af9ac6-7b61-4e6a-9a41-000000000002");
    }

    @Test
    void answers404ForADatasetThatIsNotRegistered() {
        Reply reply = env.call(Events.load("get-dataset-unknown"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("NotFound");
        assertThat(reply.message()).contains("dataset 'returns' is not registered");
    }

    @Test
    void answers400NamingThePathParameterForAnImpossibleName() {
        Reply reply = env.call(Events.load("get-dataset-bad-name"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("name");
        assertThat(reply.message()).contains("'Orders!'");
    }

    @Test
    void answers400NamingAQueryParameterTheRouteDoesNotTake() {
        Reply reply = env.call(Events.withQuery(Events.load("list-datasets"), "sort", "name"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.field()).isEqualTo("sort");
    }
}
