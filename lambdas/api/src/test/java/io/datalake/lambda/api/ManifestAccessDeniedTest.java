package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateState;
import io.datalake.lambda.api.fakes.InMemoryIngestQueue;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.registry.UpdateRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Without {@code s3:ListBucket}, S3 answers a missing manifest with 403, not 404. Here the local S3
 * answers every request of a client with a wrong secret with 403, which stands in for that: the
 * registry then decides whether the update has a manifest yet.
 */
@ExtendWith(TestLake.Extension.class)
class ManifestAccessDeniedTest {
    private static LakeEnv env;
    private static S3Client denied;
    private static RestApi api;

    @BeforeAll
    static void start(TestLake lake) {
        env = lake.environment("mad");
        env.dataset("orders", Tier.INTERNAL);
        Instant at = Instant.parse("2026-11-21T10:15:00Z");
        env.update(new UpdateRecord("orders", UpdateId.parse("2026-11-21T101500Z-3f9a"), UpdateState.COMPLETE, null, null, 0, null,
                at, at, null));
        env.update(new UpdateRecord("orders", UpdateId.parse("2026-11-21T101500Z-0000"), UpdateState.RECEIVING, null, null, 0, null,
                at, at, null));
        denied = S3Client.builder().endpointOverride(lake.s3Server().endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("lake", "not-the-secret")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create()).build();
        api = RestApi.create(ApiServices.of(env.names(), lake.dynamo(), denied, new InMemoryIngestQueue(),
                new IamTrustPolicies(lake.iamClient()), Set.of(), Clock.systemUTC(), new Random(3)), JsonLog.silent());
    }

    @AfterAll
    static void stop() {
        denied.close();
    }

    @Test
    void anUpdateTheRegistryKnowsAsReceivingHasNoManifestYet() {
        APIGatewayProxyResponseEvent response = api.handle(Events.load("get-update-missing"), "i1");
        assertThat(response.getStatusCode()).isEqualTo(404);
    }

    @Test
    void anUpdateTheRegistryDoesNotKnowIsNotFound() {
        APIGatewayProxyResponseEvent response = api.handle(Events.load("get-update").withPath("/datasets/orders/updates/2026-11-22T000000Z-1111")
                .withPathParameters(java.util.Map.of("name", "orders", "id", "2026-11-22T000000Z-1111")), "i2");
        assertThat(response.getStatusCode()).isEqualTo(404);
    }

    @Test
    void aCompleteUpdatesManifestThatCannotBeReadIsAFault() {
        APIGatewayProxyResponseEvent response = api.handle(Events.load("get-update"), "i3");
        assertThat(response.getStatusCode()).isEqualTo(500);
    }

    @Test
    void lineageDoesNotReadTheManifestOfAReceivingUpdate() {
        APIGatewayProxyResponseEvent response = api.handle(Events.withQuery(Events.withQuery(Events.load("get-lineage"), "limit", "1"),
                "nextToken", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("2026-11-21T101500Z-3f9a".getBytes())), "i4");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"update\":\"2026-11-21T101500Z-0000\",\"state\":\"receiving\"", "\"manifest\":false");
    }
}
