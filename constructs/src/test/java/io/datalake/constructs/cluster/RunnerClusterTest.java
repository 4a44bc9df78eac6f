package io.datalake.constructs.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.ClusterSettings;
import io.datalake.core.Environment;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeNames;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;

/**
 * The construct's props, defaults and lookups. Its template is asserted where it is deployed, in
 * the app's ClusterStackTest, which synthesizes it once with cdk-nag.
 */
class RunnerClusterTest {
    static final LakeNames NAMES = new LakeNames(Environment.builder().org("acme").name("dev").region("eu-west-1")
            .settings(EnvironmentSettings.builder().cluster(ClusterSettings.builder().enabled(true)
                    .pipelines(List.of("sales_daily")).build()).build())
            .build());
    static Stack stack;
    static RunnerCluster cluster;

    @BeforeAll
    static void construct() {
        stack = new Stack(new App(), "Test", StackProps.builder()
                .env(software.amazon.awscdk.Environment.builder().region("eu-west-1").build()).build());
        cluster = new RunnerCluster(stack, "Runners", NAMES);
    }

    @Test
    void defaultsAreTheDocumentedConstants() {
        RunnerClusterProps props = RunnerClusterProps.builder().names(NAMES).build();
        assertThat(props.kubernetesVersion().getVersion()).isEqualTo(KubernetesVersion.V1_36.getVersion()).isEqualTo("1.36");
        assertThat(props.maxAzs()).isEqualTo(RunnerClusterProps.DEFAULT_MAX_AZS).isEqualTo(2);
        assertThat(props.natGateways()).isEqualTo(1);
        assertThat(props.runVisibilityTimeout().toSeconds()).isEqualTo(900);
        assertThat(props.maxReceiveCount()).isEqualTo(3);
        assertThat(RunnerClusterProps.RUN_ENDPOINTS).hasSize(7);
        assertThat(RunnerCluster.BUILT_IN_NODE_POOLS).containsExactly("system");
    }

    @Test
    void failsForPropsOutsideWhatEksAndSqsAllow() {
        assertThatThrownBy(() -> RunnerClusterProps.builder().names(NAMES).maxAzs(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAzs must be 2 or 3 (EKS needs two zones), but 1 was given");
        assertThatThrownBy(() -> RunnerClusterProps.builder().names(NAMES).natGateways(0).build())
                .hasMessage("natGateways must be between 1 and maxAzs (2): nodes pull images through them, but 0 was given");
        assertThatThrownBy(() -> RunnerClusterProps.builder().names(NAMES).runVisibilityTimeout(Duration.hours(13)).build())
                .hasMessage("runVisibilityTimeout must be between 1 minute and 12 hours (SQS's limit), but 13 hours was given");
        assertThatThrownBy(() -> RunnerClusterProps.builder().names(NAMES).maxReceiveCount(0).build())
                .hasMessage("maxReceiveCount must be between 1 and 100, but 0 was given");
        assertThatThrownBy(() -> RunnerClusterProps.builder().build()).hasMessage("names is required");
    }

    @Test
    void everyPipelineOfTheSettingsHasARunnerAndMoreCanBeAdded() {
        assertThat(cluster.runners()).containsOnlyKeys("sales_daily");
        PipelineRunner sales = cluster.runner("sales_daily");
        assertThat(sales.serviceAccount()).isEqualTo("run-sales-daily");
        PipelineRunner extra = cluster.addPipeline("orders_hourly");
        assertThat(cluster.runners()).containsOnlyKeys("sales_daily", "orders_hourly");
        assertThat(extra.serviceAccount()).isEqualTo("run-orders-hourly");
        assertThat(extra.grantRequestRuns(Role.Builder.create(stack, "Scheduler")
                .assumedBy(new AccountRootPrincipal()).build()).getSuccess()).isTrue();
    }

    @Test
    void failsForADuplicateOrUnknownPipeline() {
        assertThatThrownBy(() -> cluster.addPipeline("sales_daily"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipeline 'sales_daily' already has a runner in acme-datalake-dev");
        assertThatThrownBy(() -> cluster.runner("nightly"))
                .hasMessageStartingWith("pipeline 'nightly' has no runner in acme-datalake-dev; it has [sales_daily");
        assertThatThrownBy(() -> cluster.addPipeline("Bad Name"))
                .hasMessageStartingWith("pipeline must hold pipeline names of 3 to 32");
    }
}
