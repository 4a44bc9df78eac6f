package io.datalake.app.deploy;

import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the SDK clients the CLI deploys and queries with: the JDK's URL connection for HTTP (the lean client
 * the app ships; named, because the SDK otherwise takes whichever client it finds first on the class
 * path), the environment's region rather than whatever AWS_REGION says, and the default credential
 * chain (profiles, SSO, environment).
 */
public final class AwsClients {
    private AwsClients() {
    }

    /** A CloudFormation client for the given region, e.g. {@code eu-west-1}. */
    public static CloudFormationClient cloudFormation(String region) {
        return CloudFormationClient.builder()
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** An S3 client for the given region, e.g. {@code eu-west-1}. */
    public static S3Client s3(String region) {
        return S3Client.builder()
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A DynamoDB client for the given region, e.g. {@code eu-west-1}. */
    public static DynamoDbClient dynamoDb(String region) {
        return DynamoDbClient.builder()
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** An Athena client for the given region, e.g. {@code eu-west-1}. */
    public static AthenaClient athena(String region) {
        return AthenaClient.builder()
                .region(Region.of(Objects.requireNonNull(region, "region")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** An IAM client for the partition of the given region (IAM is global per partition). */
    public static IamClient iam(String region) {
        return IamClient.builder()
                .region(io.datalake.lambda.api.LakeClients.iamRegion(Objects.requireNonNull(region, "region")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
