package io.datalake.constructs.processing;

import io.datalake.core.LakeNames;
import io.datalake.core.update.UpdateEvents;
import io.datalake.pipelines.model.job.JobStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.stepfunctions.Chain;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.INextable;
import software.amazon.awscdk.services.stepfunctions.JsonPath;
import software.amazon.awscdk.services.stepfunctions.Parallel;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.State;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * A job pipeline as a Step Functions state machine: its pipelines run level by level (each after
 * everything it depends on; the pipelines of one level in parallel), each waiting for its run to
 * end, with its failure policy:
 * <ul>
 *   <li>{@code retry}: the run is retried {@code maxRetries} times, waiting {@value JobPipelineProps#RETRY_INTERVAL_SECONDS}
 *       seconds and twice as long each time; a run that still fails halts the job;</li>
 *   <li>{@code halt}: any failure is caught into a {@code Fail} state that names the pipeline: the
 *       job stops, and pipelines of the same level are cancelled;</li>
 *   <li>{@code continue}: a failure is caught, recorded under {@code $.failure}, and the job goes on
 *       as if the pipeline had succeeded.</li>
 * </ul>
 * The job starts on its schedule (EventBridge Scheduler, UTC), when one of its live datasets gets
 * a complete update (an EventBridge rule on {@value UpdateEvents#COMPLETE}), or by hand. Executions
 * are traced with X-Ray and logged.
 */
public class JobPipeline extends Construct {
    private final StateMachine stateMachine;

    public JobPipeline(Construct scope, String id, JobPipelineProps props) {
        super(scope, id);
        LakeNames names = props.names();
        io.datalake.pipelines.model.job.JobPipeline job = props.job();
        String name = names.jobStateMachine(job.name());

        List<IChainable> levels = new ArrayList<>();
        List<List<String>> order = job.levels();
        for (int i = 0; i < order.size(); i++) {
            List<String> level = order.get(i);
            if (level.size() == 1) {
                levels.add(step(props, job.step(level.get(0)).orElseThrow()));
            } else {
                Parallel parallel = Parallel.Builder.create(this, "Level " + (i + 1) + ": " + String.join(", ", level))
                        .resultPath(JsonPath.DISCARD)
                        .build();
                level.forEach(p -> parallel.branch(step(props, job.step(p).orElseThrow())));
                levels.add(parallel);
            }
        }
        Chain definition = Chain.start(levels.get(0));
        for (IChainable level : levels.subList(1, levels.size())) {
            definition = definition.next(level);
        }

        this.stateMachine = StateMachines.create(this, name, definition, Duration.minutes(timeoutMinutes(props)),
                props.logRetention(), props.logKey());
        props.pipelines().values().forEach(p -> p.grantRun(stateMachine.getRole()));

        job.schedule().ifPresent(schedule -> schedule(names, job.name(), schedule.expression()));
        if (!props.liveDatasets().isEmpty()) {
            Rule.Builder.create(this, "LiveInputs")
                    .description("Starts " + name + " when " + String.join(", ", props.liveDatasets()) + " get a complete update")
                    .eventPattern(EventPattern.builder()
                            .source(List.of(UpdateEvents.RUNNER_SOURCE))
                            .detailType(List.of(UpdateEvents.COMPLETE))
                            .detail(new java.util.TreeMap<>(Map.of(UpdateEvents.ENV, List.of(names.environment().name()),
                                    UpdateEvents.DATASET, props.liveDatasets())))
                            .build())
                    .targets(List.of(new SfnStateMachine(stateMachine)))
                    .build();
        }
    }

    /** One pipeline with its failure policy; the chain ends where the next level starts. */
    private IChainable step(JobPipelineProps props, JobStep step) {
        SparkPipelineJob pipeline = props.pipelines().get(step.pipeline());
        String id = step.pipeline();
        switch (step.onFailure()) {
            case RETRY:
                return pipeline.runTask(this, id, RetryProps.builder()
                        .errors(List.of("States.ALL"))
                        .maxAttempts(step.maxRetries())
                        .interval(Duration.seconds(JobPipelineProps.RETRY_INTERVAL_SECONDS))
                        .backoffRate(2)
                        .build(), null);
            case HALT:
                return pipeline.runTask(this, id, null, Fail.Builder.create(this, id + " failed")
                        .error("PipelineFailed")
                        .cause("pipeline " + step.pipeline() + " failed; the job stops (onFailure: halt)")
                        .build());
            case CONTINUE:
            default:
                Pass done = Pass.Builder.create(this, id + " done").build();
                Pass goOn = Pass.Builder.create(this, id + " failed, going on").build();
                goOn.next(done);
                State task = pipeline.runTask(this, id, null, goOn);
                ((INextable) task).next(done);
                return Chain.custom(task, List.of(done), done);
        }
    }

    /** The longest the job can take: every run of every pipeline at its timeout, retries included. */
    private static long timeoutMinutes(JobPipelineProps props) {
        return props.job().steps().stream()
                .mapToLong(s -> (long) props.pipelines().get(s.pipeline()).pipeline().timeoutMinutes() * (1 + s.maxRetries()))
                .sum();
    }

    private void schedule(LakeNames names, String job, String expression) {
        Role role = Role.Builder.create(this, "ScheduleRole")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com"))
                .description("Starts job " + job + " on its schedule")
                .build();
        stateMachine.grantStartExecution(role);
        CfnSchedule.Builder.create(this, "Schedule")
                .name(names.jobSchedule(job))
                .description("Starts " + names.jobStateMachine(job))
                .scheduleExpression(expression)
                .scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .state("ENABLED")
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(stateMachine.getStateMachineArn())
                        .roleArn(role.getRoleArn())
                        .build())
                .build();
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }
}
