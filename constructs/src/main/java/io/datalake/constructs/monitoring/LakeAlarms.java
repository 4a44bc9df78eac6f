package io.datalake.constructs.monitoring;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
        props.encryptionKey().grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:GenerateDataKey*", "kms:Decrypt");
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
