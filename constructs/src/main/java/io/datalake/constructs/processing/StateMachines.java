package io.datalake.constructs.processing;

import io.datalake.constructs.checks.Suppressions;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * How the lake's state machines are built: traced with X-Ray and logging every event to a log
 * group of their own under {@code /aws/vendedlogs/states/} (where Step Functions keeps its log
 * resource policy small) encrypted with the platform key, without execution data, which may name data.
 */
final class StateMachines {
    /** Where the state machines' log groups are, each named after its state machine. */
    static final String LOG_GROUP_PREFIX = "/aws/vendedlogs/states/";

    private StateMachines() {
    }

    /** A state machine with construct id {@code Resource}, and its log group {@code Logs}. */
    static StateMachine create(Construct scope, String name, IChainable definition, Duration timeout,
            RetentionDays logRetention, IKey logKey) {
        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .logGroupName(LOG_GROUP_PREFIX + name)
                .retention(logRetention)
                .encryptionKey(logKey)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        StateMachine machine = StateMachine.Builder.create(scope, "Resource")
                .stateMachineName(name)
                .definitionBody(DefinitionBody.fromChainable(definition))
                .timeout(timeout)
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(false).build())
                .build();
        Suppressions.add(machine, "AwsSolutions-IAM5", "X-Ray tracing and log delivery to CloudWatch Logs do not"
                + " support resource-level permissions; Step Functions' own role for them is granted on '*'.",
                List.of("Resource::*"));
        return machine;
    }
}
