package io.datalake.lambda.api;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one container, built once: S3, DynamoDB, SQS and IAM over one shared
 * url-connection HTTP client (the lightest the SDK has), with the region and credentials source
 * given rather than discovered, which keeps the provider chains out of the cold start.
 */
public final class LakeClients implements AutoCloseable {
    private final SdkHttpClient http;
    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final IamClient iam;

    private LakeClients(SdkHttpClient http, S3Client s3, DynamoDbClient dynamo, SqsClient sqs, IamClient iam) {
        this.http = http;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.iam = iam;
    }

    /** Clients for the configured region, or the configured local endpoints. */
    public static LakeClients create(ApiConfig config) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        Region region = Region.of(config.region());
        AwsCredentialsProvider credentials = credentials();
        var s3 = S3Client.builder().httpClient(http).region(region).credentialsProvider(credentials);
        config.s3Endpoint().ifPresent(endpoint -> s3.endpointOverride(endpoint).forcePathStyle(true)
                // S3-compatible local servers reject the SDK's default trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        var dynamo = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        config.dynamoDbEndpoint().ifPresent(dynamo::endpointOverride);
        var sqs = SqsClient.builder().httpClient(http).region(region).credentialsProvider(credentials);
        config.sqsEndpoint().ifPresent(sqs::endpointOverride);
        var iam = IamClient.builder().httpClient(http).region(iamRegion(config.region())).credentialsProvider(credentials);
        config.iamEndpoint().ifPresent(iam::endpointOverride);
        return new LakeClients(http, s3.build(), dynamo.build(), sqs.build(), iam.build());
    }

    /** IAM is global per partition: its clients use the partition's global pseudo-region. */
    public static Region iamRegion(String region) {
        if (region.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        if (region.startsWith("us-gov-")) {
            return Region.AWS_US_GOV_GLOBAL;
        }
        return Region.AWS_GLOBAL;
    }

    /**
     * Lambda gives credentials either as environment variables or, under SnapStart, through the
     * container credentials endpoint; the full default chain is only for other hosts.
     */
    private static AwsCredentialsProvider credentials() {
        if (System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
            return ContainerCredentialsProvider.builder().build();
        }
        if (System.getenv("AWS_ACCESS_KEY_ID") != null && System.getenv("AWS_SECRET_ACCESS_KEY") != null) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public IamClient iam() {
        return iam;
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        sqs.close();
        iam.close();
        http.close();
    }
}
