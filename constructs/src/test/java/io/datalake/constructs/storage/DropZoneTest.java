package io.datalake.constructs.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.constructs.TestLake;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.Tier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;

class DropZoneTest {
    static TestLake lake;
    static Key queueKey;
    static DropZone dropZone;
    static Template template;

    @BeforeAll
    static void synth() {
        lake = new TestLake(EnvironmentSettings.builder().dropExpiryDays(3).build(), Map.of());
        queueKey = Key.Builder.create(lake.stack, "QueueKey").enableKeyRotation(true).build();
        dropZone = new DropZone(lake.stack, "DropZone", props().build());
        template = Template.fromStack(lake.stack);
    }

    private static DropZoneProps.Builder props() {
        return DropZoneProps.builder().names(lake.names).storage(lake.storage)
                .accessLogBucket(lake.accessLogs.bucket()).queueKey(queueKey);
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void dropBucketPerTierWithTheTierKeyExpiryAndEventBridge(Tier tier) {
        template.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "BucketName", "acme-datalake-drop-dev-" + tier.id() + "-eu-west-1",
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                "BucketKeyEnabled", true,
                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                        "KMSMasterKeyID", lake.arnOf(lake.storage.tier(tier).key()))))),
                        "VersioningConfiguration", Map.of("Status", "Enabled"),
                        "PublicAccessBlockConfiguration", Match.objectLike(Map.of("BlockPublicPolicy", true)),
                        "LoggingConfiguration", Match.objectLike(Map.of(
                                "DestinationBucketName", Map.of("Ref", lake.logicalId(lake.accessLogs.bucket())))),
                        "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)),
                        "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Id", "expire-objects", "ExpirationInDays", 3)))))))));
        assertThat(dropZone.dropBucket(tier)).isSameAs(dropZone.dropBuckets().get(tier));
    }

    @Test
    void needsNoNotificationCustomResource() {
        template.resourceCountIs("Custom::S3BucketNotifications", 0);
        template.resourceCountIs("AWS::Lambda::Function", 0);
    }

    @Test
    void objectCreatedEventsOfTheDropBucketsReachTheQueueWithTheDeadLetterQueueBehind() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of("bucket", Map.of("name", List.of(
                                "acme-datalake-drop-dev-internal-eu-west-1",
                                "acme-datalake-drop-dev-restricted-eu-west-1",
                                "acme-datalake-drop-dev-sensitive-eu-west-1")))),
                "Targets", List.of(Match.objectLike(Map.of(
                        "Arn", lake.arnOf(dropZone.queue()),
                        "DeadLetterConfig", Map.of("Arn", lake.arnOf(dropZone.deadLetterQueue())))))));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", lake.logicalId(dropZone.queue()))),
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", "sqs:SendMessage",
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::Join", List.of("", List.of("arn:",
                                        Map.of("Ref", "AWS::Partition"), ":events:eu-west-1:", Map.of("Ref", "AWS::AccountId"),
                                        ":rule/acme-datalake-dev-drop-objects")))),
                                "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of("Name", "acme-datalake-dev-drop-objects"));
    }

    @Test
    void queuesAreEncryptedTlsOnlyAndRedriveToTheDeadLetterQueue() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "acme-datalake-dev-drop-events",
                "KmsMasterKeyId", lake.arnOf(queueKey),
                "VisibilityTimeout", 1800,
                "MessageRetentionPeriod", 1_209_600,
                "RedrivePolicy", Map.of("deadLetterTargetArn", lake.arnOf(dropZone.deadLetterQueue()), "maxReceiveCount", 5)));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "acme-datalake-dev-drop-events-dlq",
                "KmsMasterKeyId", lake.arnOf(queueKey)));
        template.resourcePropertiesCountIs("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))), 2);
    }

    @Test
    void eventBridgeMayUseTheQueueKey() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"))))))));
    }

    @Test
    void visibilityTimeoutIsSixTimesTheConsumerTimeout() {
        TestLake other = new TestLake();
        Key key = Key.Builder.create(other.stack, "QueueKey").enableKeyRotation(true).build();
        DropZone zone = new DropZone(other.stack, "DropZone", DropZoneProps.builder().names(other.names)
                .storage(other.storage).accessLogBucket(other.accessLogs.bucket()).queueKey(key)
                .consumerTimeout(Duration.minutes(2)).maxReceiveCount(3).build());
        Template.fromStack(other.stack).hasResourceProperties("AWS::SQS::Queue", Map.of(
                "QueueName", "acme-datalake-dev-drop-events", "VisibilityTimeout", 720,
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 3))));
        assertThat(zone.queue()).isNotNull();
        assertThat(DropZoneProps.DEFAULT_CONSUMER_TIMEOUT.toSeconds()).isEqualTo(300);
        assertThat(DropZoneProps.VISIBILITY_FACTOR).isEqualTo(6);
    }

    @Test
    void failsForAConsumerTimeoutBeyondLambdasLimit() {
        assertThatThrownBy(() -> props().consumerTimeout(Duration.minutes(16)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("consumerTimeout must be between 1 second and 15 minutes (Lambda's limit), but 16 minutes was given");
        assertThatThrownBy(() -> props().maxReceiveCount(0).build())
                .hasMessage("maxReceiveCount must be between 1 and 1000, but 0 was given");
    }
}
