package io.datalake.app.cli;

import io.datalake.app.deploy.AwsClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the commands take from the world outside: AWS clients per region, how often to poll
 * CloudFormation and Athena, and the user's typed input. Tests replace it to talk to local stand-ins.
 */
public record LakeRuntime(Function<String, CloudFormationClient> cloudFormation,
        Function<String, DynamoDbClient> dynamoDb, Function<String, S3Client> s3, Function<String, AthenaClient> athena,
        Function<String, IamClient> iam, Duration pollInterval, BufferedReader input) {

    /** Real AWS through the default credential chain, polling every 3 seconds, reading stdin. */
    public static LakeRuntime aws() {
        return new LakeRuntime(AwsClients::cloudFormation, AwsClients::dynamoDb, AwsClients::s3, AwsClients::athena, AwsClients::iam,
                Duration.ofSeconds(3),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
}
