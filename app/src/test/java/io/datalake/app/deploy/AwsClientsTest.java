package io.datalake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {
    @Test
    void buildsClientsForTheEnvironmentsRegion() {
        try (CloudFormationClient cfn = AwsClients.cloudFormation("eu-west-1");
             DynamoDbClient dynamo = AwsClients.dynamoDb("eu-central-1")) {
            assertThat(cfn.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(dynamo.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
        }
    }
}
