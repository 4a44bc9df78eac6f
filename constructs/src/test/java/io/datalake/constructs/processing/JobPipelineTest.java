package io.datalake.constructs.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.datalake.constructs.TestLake;
import io.datalake.pipelines.model.job.JobFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The nightly job of the fixture: daily_sales (retry 3) and web_sessions (continue, on EMR
 * Serverless) in parallel, then sales_report (halt); and daily_sales alone, started by its live input.
 */
class JobPipelineTest {
    static ProcessingFixture fixture;
    static Template template;
    static TestLake lake;
    static JsonNode nightly;

    @BeforeAll
    static void synth() {
        fixture = ProcessingFixture.get();
        template = fixture.template;
        lake = fixture.lake;
        nightly = Cfn.definition(template, lake.logicalId(fixture.nightly.stateMachine()));
    }

    @Test
    void runsTheLevelsInOrderWithTheIndependentPipelinesInParallel() {
        assertThat(nightly.get("StartAt").asText()).isEqualTo("Level 1: daily_sales, web_sessions");
        JsonNode level = nightly.get("States").get("Level 1: daily_sales, web_sessions");
        assertThat(level.get("Type").asText()).isEqualTo("Parallel");
        assertThat(level.get("Next").asText()).isEqualTo("sales_report");
        assertThat(level.get("Branches")).extracting(b -> b.get("StartAt").asText())
                .containsExactly("daily_sales", "web_sessions");
    }

    @Test
    void retryRetriesWithBackoffAndThenFailsTheJob() {
        JsonNode task = branch("daily_sales").get("States").get("daily_sales");
        assertThat(task.get("Resource").asText()).endsWith(":states:::glue:startJobRun.sync");
        assertThat(task.get("Parameters").get("JobName").asText()).isEqualTo("acme-datalake-dev-pl-daily_sales");
        assertThat(task.get("Retry")).hasSize(1);
        JsonNode retry = task.get("Retry").get(0);
        assertThat(retry.get("ErrorEquals")).extracting(JsonNode::asText).containsExactly("States.ALL");
        assertThat(retry.get("MaxAttempts").asInt()).isEqualTo(3);
        assertThat(retry.get("IntervalSeconds").asInt()).isEqualTo(JobPipelineProps.RETRY_INTERVAL_SECONDS);
        assertThat(retry.get("BackoffRate").asInt()).isEqualTo(2);
        assertThat(task.has("Catch")).isFalse();
    }

    @Test
    void continueCatchesTheFailureAndGoesOn() {
        JsonNode states = branch("web_sessions").get("States");
        JsonNode task = states.get("web_sessions");
        assertThat(task.get("Resource").asText()).endsWith(":states:::emr-serverless:startJobRun.sync");
        assertThat(task.get("Catch")).hasSize(1);
        assertThat(task.get("Catch").get(0).get("ErrorEquals")).extracting(JsonNode::asText).containsExactly("States.ALL");
        assertThat(task.get("Catch").get(0).get("Next").asText()).isEqualTo("web_sessions failed, going on");
        assertThat(task.get("Next").asText()).isEqualTo("web_sessions done");
        assertThat(states.get("web_sessions failed, going on").get("Next").asText()).isEqualTo("web_sessions done");
        assertThat(task.has("Retry")).isFalse();
        // The EMR Serverless job definition: the runner on the application, with the pipeline's arguments.
        JsonNode request = task.get("Parameters");
        assertThat(request.get("Name").asText()).isEqualTo("web_sessions");
        assertThat(request.get("ExecutionTimeoutMinutes").asInt()).isEqualTo(45);
        JsonNode submit = request.get("JobDriver").get("SparkSubmit");
        assertThat(submit.get("SparkSubmitParameters").asText()).isEqualTo("--class " + SparkPipelineJob.RUNNER_CLASS);
        assertThat(submit.get("EntryPointArguments")).extracting(JsonNode::asText)
                .containsSubsequence("--command", "run-pipeline", "--pipeline", "web_sessions");
    }

    @Test
    void haltCatchesTheFailureIntoAFailStateThatNamesThePipeline() {
        JsonNode task = nightly.get("States").get("sales_report");
        assertThat(task.get("Catch").get(0).get("Next").asText()).isEqualTo("sales_report failed");
        JsonNode fail = nightly.get("States").get("sales_report failed");
        assertThat(fail.get("Type").asText()).isEqualTo("Fail");
        assertThat(fail.get("Cause").asText()).isEqualTo("pipeline sales_report failed; the job stops (onFailure: halt)");
        assertThat(task.get("End").asBoolean()).isTrue();
    }

    @Test
    void isTracedLoggedAndBoundedByItsPipelinesTimeouts() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineName", "acme-datalake-dev-job-nightly",
                "TracingConfiguration", Map.of("Enabled", true),
                "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", false))));
        // daily_sales 30 min x 4 attempts, web_sessions 45, sales_report 60.
        assertThat(nightly.get("TimeoutSeconds").asInt()).isEqualTo((30 * 4 + 45 + 60) * 60);
    }

    @Test
    void startsOnItsScheduleInUtc() {
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "acme-datalake-dev-job-nightly",
                "ScheduleExpression", "cron(0 2 * * ? *)",
                "ScheduleExpressionTimezone", "UTC",
                "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                "Target", Map.of("Arn", Map.of("Ref", lake.logicalId(fixture.nightly.stateMachine())),
                        "RoleArn", Match.anyValue())));
    }

    @Test
    void aPipelineWithALiveInputStartsWhenItsDatasetGetsACompleteUpdate() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of(
                        "source", List.of("datalake.runner"),
                        "detail-type", List.of("Update complete"),
                        "detail", Map.of("env", List.of("dev"), "dataset", List.of("sales_orders"))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", lake.logicalId(fixture.live.stateMachine())))))));
        template.resourcePropertiesCountIs("AWS::Scheduler::Schedule", Map.of("Name", "acme-datalake-dev-job-daily_sales"), 0);
    }

    @Test
    void mayStartAndFollowTheEmrServerlessRunsOfItsPipelinesOnly() {
        List<Map<String, Object>> statements = fixture.statements(fixture.nightly.stateMachine().getRole());
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("emr-serverless:StartJobRun");
            assertThat(s.get("Resource")).isEqualTo(Map.of("Fn::GetAtt", List.of(lake.logicalId(fixture.sessions.emrApplication()),
                    "Arn")));
        }).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("iam:PassRole");
            assertThat(s.get("Condition")).isEqualTo(Map.of("StringEquals",
                    Map.of("iam:PassedToService", "emr-serverless.amazonaws.com")));
        });
        assertThat(fixture.statements(fixture.live.stateMachine().getRole()))
                .noneSatisfy(s -> assertThat(s.get("Action").toString()).contains("emr-serverless"));
    }

    @Test
    void propsRefuseAJobWhosePipelinesAreNotDeployed() {
        assertThatThrownBy(() -> JobPipelineProps.builder().names(lake.names)
                .job(JobFiles.parse("nightly", "job.yaml", "pipelines:\n  - pipeline: daily_sales\n  - pipeline: sales_report\n"))
                .pipeline(fixture.dailySales).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipelines must hold a SparkPipelineJob for every pipeline of job nightly, but sales_report is missing");
    }

    private static JsonNode branch(String start) {
        for (JsonNode branch : nightly.get("States").get("Level 1: daily_sales, web_sessions").get("Branches")) {
            if (branch.get("StartAt").asText().equals(start)) {
                return branch;
            }
        }
        throw new AssertionError("no branch starts at " + start);
    }
}
