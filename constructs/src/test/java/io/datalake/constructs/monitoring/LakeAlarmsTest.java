package io.datalake.constructs.monitoring;

import io.datalake.constructs.TestLake;
import io.datalake.core.EnvironmentSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sqs.Queue;

class LakeAlarmsTest {
    static TestLake lake;
    static Key key;
    static Queue dlq;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake(EnvironmentSettings.builder().alarmEmail("ops@acme.example").build(), Map.of());
        key = Key.Builder.create(lake.stack, "PlatformKey").enableKeyRotation(true).build();
        dlq = Queue.Builder.create(lake.stack, "Dlq").build();
        LakeAlarms alarms = new LakeAlarms(lake.stack, "Alarms", LakeAlarmsProps.builder().names(lake.names).encryptionKey(key).build());
        alarms.alarmOnDeadLetters("DlqAlarm", dlq);
        template = Template.fromStack(lake.stack);
    }

    @Test
    void topicIsEncryptedAndMailsTheConfiguredAddress() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "TopicName", "acme-datalake-dev-alarms", "KmsMasterKeyId", lake.arnOf(key)));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@acme.example"));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Principal", Map.of("Service", "cloudwatch.amazonaws.com"))))))));
    }

    @Test
    void alarmsAtTheFirstDeadLetter() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Namespace", "AWS/SQS",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(lake.logicalId(dlq), "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", lake.logicalId(lake.stack.getNode().findChild("Alarms").getNode().findChild("Topic"))))));
    }
}
