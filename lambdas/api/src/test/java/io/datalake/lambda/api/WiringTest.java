package io.datalake.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.datalake.core.Tier;
import io.datalake.core.update.IngestRequest;
import io.datalake.lambda.api.fakes.FakeSqs;
import io.datalake.lambda.api.testing.Events;
import io.datalake.lambda.api.testing.LakeEnv;
import io.datalake.lambda.api.testing.TestLake;
import io.datalake.local.LocalCredentials;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import io.datalake.registry.RegistrySchema;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The function as Lambda builds it, from configuration to SDK clients (S3, DynamoDB, SQS and IAM
 * over one url-connection client), against the local servers: a delivery reaches the fake SQS
 * queue, a grant reaches the fake IAM.
 */
@ExtendWith(TestLake.Extension.class)
class WiringTest {
    private static FakeSqs sqs;
    private static LakeEnv env;
    private static LakeClients clients;
    private static RestApi api;
    private static String queueUrl;

    @BeforeAll
    static void start(TestLake lake) {
        // The default credentials chain reads these system properties first.
        System.setProperty("aws.accessKeyId", LocalCredentials.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", LocalCredentials.SECRET_KEY);
        sqs = FakeSqs.start();
        // DynamoDB Local keeps a database per region (without -sharedDb): register in the function's region.
        env = lake.environment("wire");
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(lake.dynamoServer().endpoint())
                .region(Region.EU_WEST_1).credentialsProvider(LocalCredentials.provider())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            RegistrySchema.createTables(dynamo, env.names());
            new DatasetRegistry(dynamo, env.names()).register(new DatasetRegistration("orders", Tier.INTERNAL, "data-team", "",
                    "wire", env.names().datasetStack("orders"),
                    "{\"access\":{\"admin\":[\"" + LakeEnv.ADMIN_ROLE + "\"]}}", Instant.parse("2026-11-20T09:00:00Z")));
        }
        env.dataset("orders", Tier.INTERNAL); // its roles in the fake IAM
        env.iam().addPrincipal("arn:aws:iam::210987654321:role/analytics");
        queueUrl = sqs.createQueue("acme-datalake-wire-drop-events");
        ApiConfig config = ApiConfig.builder().org("acme").env("wire").region("eu-west-1").ingestQueueUrl(queueUrl)
                .s3Endpoint(lake.s3Server().endpoint()).dynamoDbEndpoint(lake.dynamoServer().endpoint())
                .sqsEndpoint(sqs.endpoint()).iamEndpoint(lake.iam().endpoint()).build();
        clients = LakeClients.create(config);
        api = RestApi.create(ApiServices.of(config, clients), JsonLog.silent());
    }

    @AfterAll
    static void stop() {
        clients.close();
        sqs.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void aDeliveryGoesToTheIngestQueueOnSqs() {
        env.putObject(env.names().dropBucket(Tier.INTERNAL), "orders/2026-11-21/orders.csv", "id\n1\n");
        APIGatewayProxyResponseEvent response = api.handle(Events.load("post-update-drop-key"), "invocation-1");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(sqs.messages()).singleElement().satisfies(m -> {
            assertThat(m.queueUrl()).isEqualTo(queueUrl);
            assertThat(IngestRequest.fromJson(m.body()).key()).isEqualTo("orders/2026-11-21/orders.csv");
            assertThat(response.getBody()).contains(IngestRequest.fromJson(m.body()).update().toString());
        });
    }

    @Test
    void aGrantGoesToIam() {
        APIGatewayProxyResponseEvent response = api.handle(Events.load("post-grant"), "invocation-2");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        assertThat(env.iam().trustPolicy("acme-datalake-wire-ds-orders-read")).contains("arn:aws:iam::210987654321:role/analytics");
    }
}
