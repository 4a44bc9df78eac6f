package io.datalake.constructs.monitoring;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import java.util.List;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The environment's alarms and the encrypted SNS topic they notify (and, when the settings name
 * one, an e-mail address). A message in a dead-letter queue is a delivery the lake could not
 * process, so it alarms at the first one.
 */
public class LakeAlarms extends Construct {
    private final Topic topic;

    public LakeAlarms(Construct scope, String id, LakeAlarmsProps props) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Topic")
                .topicName(props.names().alarmTopic())
                .masterKey(props.encryptionKey())
                .enforceSsl(true)
                .build();
        // CloudWatch publishes to the encrypted topic, so it needs the key.
        // CloudWatch publishes the account's alarms to the encrypted topic; no other account's alarm may use the key.
        software.amazon.awscdk.Stack stack = software.amazon.awscdk.Stack.of(this);
        props.encryptionKey().addToResourcePolicy(io.datalake.constructs.access.KeyPolicy.forService(this, "AlarmsToTopic",
                "cloudwatch.amazonaws.com", List.of("kms:GenerateDataKey*", "kms:Decrypt"), List.of("arn:" + stack.getPartition()
                        + ":cloudwatch:" + stack.getRegion() + ":" + stack.getAccount() + ":alarm:*")));
        props.names().environment().settings().alarmEmail()
                .ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
    }

    /** The topic every alarm notifies. */
    public ITopic topic() {
        return topic;
    }

    /** Alarms as soon as a dead-letter queue holds a message. */
    public Alarm alarmOnDeadLetters(String id, IQueue deadLetterQueue) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription("Messages in " + deadLetterQueue.getNode().getPath()
                        + ": deliveries the lake could not process; inspect and redrive them")
                .metric(deadLetterQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5))
                        .statistic("Maximum")
                        .build()))
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        return alarm;
    }
}
