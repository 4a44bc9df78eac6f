package io.datalake.app.deploy;

import io.datalake.lambda.api.LakeClients;
import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
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
        return build(CloudFormationClient.builder(), Region.of(Objects.requireNonNull(region, "region")));
    }

    /** An S3 client for the given region, e.g. {@code eu-west-1}. */
    public static S3Client s3(String region) {
        return build(S3Client.builder(), Region.of(Objects.requireNonNull(region, "region")));
    }

    /** A DynamoDB client for the given region, e.g. {@code eu-west-1}. */
    public static DynamoDbClient dynamoDb(String region) {
        return build(DynamoDbClient.builder(), Region.of(Objects.requireNonNull(region, "region")));
    }

    /** An Athena client for the given region, e.g. {@code eu-west-1}. */
    public static AthenaClient athena(String region) {
        return build(AthenaClient.builder(), Region.of(Objects.requireNonNull(region, "region")));
    }

    /** An IAM client for the partition of the given region (IAM is global per partition). */
    public static IamClient iam(String region) {
        return build(IamClient.builder(), LakeClients.iamRegion(Objects.requireNonNull(region, "region")));
    }

    private static <B extends AwsSyncClientBuilder<B, C> & AwsClientBuilder<B, C>, C> C build(B builder, Region region) {
        return builder.region(region).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
