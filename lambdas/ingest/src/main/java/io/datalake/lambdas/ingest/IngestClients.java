package io.datalake.lambdas.ingest;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of one container, built once: the JDK's URL-connection HTTP client (no Apache or
 * Netty on the class path, which keeps the jar small and the cold start short), one HTTP client and
 * one credentials provider shared by all three, the region and endpoints of the configuration.
 *
 * @param s3 the S3 client
 * @param dynamo the DynamoDB client
 * @param events the EventBridge client
 */
public record IngestClients(S3Client s3, DynamoDbClient dynamo, EventBridgeClient events) {
    /**
     * Builds the clients. With an S3 endpoint override (a local stand-in such as s3proxy) the client
     * uses path-style addressing and sends checksums only where S3 requires them, which s3proxy needs.
     */
    public static IngestClients create(IngestConfig config) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        Region region = Region.of(config.environment().region());
        S3Client s3 = S3Client.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(region)
                .applyMutation(b -> config.s3Endpoint().ifPresent(endpoint -> b.endpointOverride(endpoint)
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)))
                .build();
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(region)
                .applyMutation(b -> config.dynamoEndpoint().ifPresent(b::endpointOverride))
                .build();
        EventBridgeClient events = EventBridgeClient.builder()
                .httpClient(http)
                .credentialsProvider(credentials)
                .region(region)
                .applyMutation(b -> config.eventsEndpoint().ifPresent(b::endpointOverride))
                .build();
        return new IngestClients(s3, dynamo, events);
    }
}
