package io.datalake.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.constructs.checks.LakeChecks;
import io.datalake.core.LakeConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.cxapi.CloudAssembly;

class LakeAppTest {

    @Test
    void failsForAnUnknownEnvironmentListingTheKnownOnes() {
        assertThatThrownBy(() -> LakeApp.environment(TestApps.app("qa")))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("unknown environment 'qa': known environments are dev, local, prod, uat");
    }

    @Test
    void failsWhenNoEnvironmentIsChosen() {
        App app = new App(software.amazon.awscdk.AppProps.builder()
                .context(CdkConfig.read(TestApps.CDK_JSON).context()).build());
        assertThatThrownBy(() -> LakeApp.environment(app))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("choose an environment with -c env=NAME (cdk) or --env NAME (lake): known environments are dev, local, prod, uat");
    }

    @Test
    void devSynthesizesItsDatasetsFolderAfterTheEnvironment() {
        App app = TestApps.app("dev");
        var environment = LakeApp.build(app);
        var stacks = app.synth().getStacks();
        assertThat(stacks).extracting(s -> s.getStackName()).containsExactlyInAnyOrder("acme-datalake-dev",
                "acme-datalake-dev-dataset-daily-sales", "acme-datalake-dev-dataset-hr-employees",
                "acme-datalake-dev-dataset-sales-orders", "acme-datalake-dev-pipelines",
                "acme-datalake-dev-dataset-web-events");
        assertThat(stacks).filteredOn(s -> s.getStackName().contains("dataset") || s.getStackName().endsWith("pipelines"))
                .allSatisfy(s -> assertThat(s.getDependencies()).extracting(d -> d.getId()).contains(environment.getArtifactId()));
    }

    @Test
    void unsuppressedFindingsFailSynthesis() {
        App app = new App();
        Stack stack = new Stack(app, "Careless");
        Bucket.Builder.create(stack, "Plain").build();
        LakeChecks.apply(app);
        CloudAssembly assembly = app.synth();
        // The same query the stack tests use to prove a stack clean does see these findings.
        assertThat(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))).isNotEmpty();
        assertThatThrownBy(() -> LakeApp.checkFindings(assembly))
                .isInstanceOf(LakeApp.FindingsException.class)
                .hasMessageStartingWith("synthesis failed: ")
                .hasMessageContaining("/Careless/Plain/Resource: AwsSolutions-S1")
                .hasMessageContaining("AwsSolutions-S10");
    }
}
