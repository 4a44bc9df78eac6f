package io.datalake.app.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.constructs.processing.SparkPipelineJob;
import io.datalake.core.LakeConfigException;
import io.datalake.pipelines.runner.PipelineRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dev environment's pipelines stack, synthesized from the repository's pipelines folder. */
class PipelinesStackTest {
    static PipelinesStack stack;
    static Template template;

    @BeforeAll
    static void synth() {
        App app = TestApps.app("dev");
        LakeApp.build(app);
        stack = (PipelinesStack) app.getNode().findChild("Pipelines");
        template = Template.fromStack(stack);
    }

    @Test
    void deploysTheExamplePipelineAsAGlueJobStartedByItsLiveInput() {
        assertThat(stack.getStackName()).isEqualTo("acme-datalake-dev-pipelines");
        assertThat(stack.pipelines()).containsOnlyKeys("daily_sales");
        template.hasResourceProperties("AWS::Glue::Job", Map.of(
                "Name", "acme-datalake-dev-pl-daily_sales",
                "DefaultArguments", Match.objectLike(Map.of("--class", PipelineRunner.class.getName()))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Map.of(
                "source", List.of("datalake.runner"), "detail-type", List.of("Update complete"),
                "detail", Map.of("env", List.of("dev"), "dataset", List.of("sales_orders")))));
        // retries: 1 in the config becomes the state machine's retry.
        assertThat(stack.jobs()).containsOnlyKeys("daily_sales");
    }

    @Test
    void theRunnerClassTheConstructsNameIsTheRunnersEntryPoint() {
        assertThat(SparkPipelineJob.RUNNER_CLASS).isEqualTo(PipelineRunner.class.getName());
    }

    @Test
    void importsTheEnvironmentsBucketsAndKeysAndDeploysTheConversion() {
        template.hasResourceProperties("AWS::Glue::Job", Map.of("Name", "acme-datalake-dev-convert"));
        template.hasResourceProperties("AWS::Glue::SecurityConfiguration", Map.of(
                "Name", "acme-datalake-dev-pl-daily_sales",
                "EncryptionConfiguration", Match.objectLike(Map.of("CloudWatchEncryption", Map.of(
                        "CloudWatchEncryptionMode", "SSE-KMS",
                        "KmsKeyArn", Map.of("Fn::ImportValue", "acme-datalake-dev-internal-key-arn"))))));
        template.resourceCountIs("AWS::S3::Bucket", 0);
        template.resourceCountIs("AWS::KMS::Key", 0);
    }

    @Test
    void cdkNagFindsNoUnsuppressedErrorOrWarning() {
        Annotations annotations = Annotations.fromStack(stack);
        assertThat(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
        assertThat(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")))
                .extracting(m -> m.getId() + " " + m.getEntry().getData()).isEmpty();
    }

    @Test
    void failsWithTheBuildCommandWhenTheRunnerJarIsMissing() {
        App app = TestApps.app("dev");
        app.getNode().setContext(LakeApp.RUNNER_JAR_CONTEXT, "/nowhere/lake-runner.jar");
        assertThatThrownBy(() -> LakeApp.build(app))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("the pipeline runner jar /nowhere/lake-runner.jar is missing; build it with ./mvnw -q"
                        + " -DskipTests package (or give its path with -c datalake:runnerJar=FILE)");
    }
}
