package io.datalake.cluster;

import static io.datalake.cluster.Rendered.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.ClusterSettings;
import io.datalake.core.Environment;
import io.datalake.core.EnvironmentSettings;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cloud charts: the Karpenter node pool on EKS, the Config Connector objects on GKE. */
class CloudChartsTest {
    static Rendered eks;
    static Rendered gke;
    static Rendered onDemand;

    @BeforeAll
    static void synth() {
        eks = new Rendered(TestEnvironments.dev(), Target.EKS);
        gke = new Rendered(TestEnvironments.dev(), Target.GKE);
        onDemand = new Rendered(TestEnvironments.names(TestEnvironments.cluster().spot(false).maxCpu(16).maxMemoryGiB(32)),
                Target.EKS);
    }

    @Test
    void karpenterNodePoolScalesToZeroWithinTheSettingsLimitsAndMayUseSpot() {
        Map<String, Object> pool = eks.one("NodePool", "runners");
        assertThat(pool.get("apiVersion")).isEqualTo("karpenter.sh/v1");
        assertThat(at(pool, "spec", "limits")).isEqualTo(Map.of("cpu", "64", "memory", "256Gi"));
        assertThat(at(pool, "spec", "disruption")).isEqualTo(Map.of(
                "consolidationPolicy", "WhenEmptyOrUnderutilized", "consolidateAfter", "1m"));
        assertThat(at(pool, "spec", "template", "spec", "requirements", 0)).isEqualTo(Map.of(
                "key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("spot", "on-demand")));
        assertThat(at(pool, "spec", "template", "spec", "nodeClassRef")).isEqualTo(Map.of(
                "group", "eks.amazonaws.com", "kind", "NodeClass", "name", "runners"));
        // No replicas or minimum anywhere: Karpenter starts nodes only for pending pods.
        assertThat(pool.toString()).doesNotContain("minValues").doesNotContain("replicas");
    }

    @Test
    void withoutSpotTheNodePoolIsOnDemandWithItsOwnLimits() {
        Map<String, Object> pool = onDemand.one("NodePool", "runners");
        assertThat(at(pool, "spec", "limits")).isEqualTo(Map.of("cpu", "16", "memory", "32Gi"));
        assertThat(at(pool, "spec", "template", "spec", "requirements", 0, "values")).isEqualTo(List.of("on-demand"));
    }

    @Test
    void nodeClassUsesTheClusterStacksNodeRoleAndSubnetsAndEnforcesNetworkPolicies() {
        Map<String, Object> nodeClass = eks.one("NodeClass", "runners");
        assertThat(at(nodeClass, "spec", "role")).isEqualTo("acme-datalake-dev-eu-west-1-cluster-nodes");
        assertThat(at(nodeClass, "spec", "subnetSelectorTerms")).isEqualTo(List.of(
                Map.of("tags", Map.of("datalake:runner-subnets", "acme-datalake-dev"))));
        assertThat(at(nodeClass, "spec", "networkPolicy")).isEqualTo("DefaultAllow");
        assertThat(at(eks.one("ConfigMap", "amazon-vpc-cni"), "data"))
                .isEqualTo(Map.of("enable-network-policy-controller", "true"));
    }

    @Test
    void configConnectorCreatesAPrivateAutopilotClusterWithWorkloadIdentity() {
        Map<String, Object> cluster = gke.one("ContainerCluster", "acme-datalake-dev");
        assertThat(cluster.get("apiVersion")).isEqualTo("container.cnrm.cloud.google.com/v1beta1");
        assertThat(at(cluster, "metadata", "annotations"))
                .isEqualTo(Map.of("cnrm.cloud.google.com/project-id", "acme-lake-dev"));
        assertThat(at(cluster, "spec", "enableAutopilot")).isEqualTo(true);
        assertThat(at(cluster, "spec", "location")).isEqualTo("europe-west1");
        assertThat(at(cluster, "spec", "privateClusterConfig")).isEqualTo(Map.of(
                "enablePrivateNodes", true, "enablePrivateEndpoint", true));
        assertThat(at(cluster, "spec", "workloadIdentityConfig", "workloadPool")).isEqualTo("acme-lake-dev.svc.id.goog");
        assertThat(at(gke.one("ComputeSubnetwork", "acme-datalake-dev-net"), "spec", "privateIpGoogleAccess")).isEqualTo(true);
        assertThat(at(gke.one("DNSRecordSet", "acme-datalake-dev-net-googleapis-wildcard"), "spec", "rrdatas"))
                .isEqualTo(List.of("private.googleapis.com."));
        assertThat(gke.byChart.get("gke-cluster")).allSatisfy(o ->
                assertThat(String.valueOf(o.get("apiVersion"))).endsWith(".cnrm.cloud.google.com/v1beta1"));
    }

    @Test
    void eachPipelineGetsATopicASubscriptionAndAGoogleServiceAccountBoundToItsKubernetesAccountOnly() {
        Map<String, Object> subscription = gke.one("PubSubSubscription", "acme-datalake-dev-runs-sales-daily");
        assertThat(at(subscription, "spec", "resourceID")).isEqualTo("acme-datalake-dev-runs-sales_daily");
        assertThat(at(subscription, "spec", "topicRef", "name")).isEqualTo("acme-datalake-dev-runs-sales-daily");
        assertThat(gke.one("IAMServiceAccount", "run-sales-daily")).isNotNull();
        assertThat(at(gke.one("IAMPolicyMember", "run-sales-daily-workload-identity"), "spec")).isEqualTo(Map.of(
                "member", "serviceAccount:acme-lake-dev.svc.id.goog[datalake-runners/run-sales-daily]",
                "role", "roles/iam.workloadIdentityUser",
                "resourceRef", Map.of("kind", "IAMServiceAccount", "name", "run-sales-daily")));
        assertThat(at(gke.one("IAMPolicyMember", "run-sales-daily-subscriber"), "spec", "resourceRef")).isEqualTo(Map.of(
                "kind", "PubSubSubscription", "name", "acme-datalake-dev-runs-sales-daily"));
        assertThat(at(gke.one("IAMPolicyMember", "acme-datalake-dev-keda-workload-identity"), "spec", "member"))
                .isEqualTo("serviceAccount:acme-lake-dev.svc.id.goog[keda/keda-operator]");
    }

    @Test
    void eksQueueIsItsUrlWhenTheAccountIsKnown() {
        LakeNames names = new LakeNames(Environment.builder().org("acme").name("prod").region("eu-central-1")
                .account("123456789012")
                .settings(EnvironmentSettings.builder().cluster(TestEnvironments.cluster().build()).build()).build());
        assertThat(new EksProfile(names).queueReference("sales_daily"))
                .isEqualTo("https://sqs.eu-central-1.amazonaws.com/123456789012/acme-datalake-prod-runs-sales_daily");
    }

    @Test
    void failsForGkeWithoutAProjectOrWithAClusterNameGkeRejects() {
        assertThatThrownBy(() -> new GkeProfile(TestEnvironments.names(ClusterSettings.builder().enabled(true))))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("settings.cluster.gcpProject is required to render for GKE: set it to the Google Cloud project"
                        + " of environment 'dev' in cdk.json");
        LakeNames digits = new LakeNames(Environment.builder().org("42corp").name("dev").region("eu-west-1")
                .settings(EnvironmentSettings.builder().cluster(TestEnvironments.cluster().build()).build()).build());
        assertThatThrownBy(() -> new GkeProfile(digits))
                .hasMessage("cluster name '42corp-datalake-dev' must start with a letter and be at most 40 characters for GKE:"
                        + " shorten the org or environment name");
    }

    @Test
    void failsForAnUnknownTarget() {
        assertThat(Target.parse("--target", "gke")).isEqualTo(Target.GKE);
        assertThatThrownBy(() -> Target.parse("--target", "aks"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("--target must be one of eks, gke, but 'aks' was given");
    }
}
