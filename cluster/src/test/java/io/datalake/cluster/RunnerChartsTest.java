package io.datalake.cluster;

import static io.datalake.cluster.Rendered.at;
import static io.datalake.cluster.Rendered.name;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cloud-neutral charts, synthesized once per target, and what each profile changes in them. */
class RunnerChartsTest {
    static final Map<Target, Rendered> RENDERED = new EnumMap<>(Target.class);

    @BeforeAll
    static void synth() {
        for (Target target : Target.values()) {
            RENDERED.put(target, new Rendered(TestEnvironments.dev(), target));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyObjectHasApiVersionKindAndName(Target target) {
        assertThat(RENDERED.get(target).all()).isNotEmpty().allSatisfy(object -> {
            assertThat(object.get("apiVersion")).asString().isNotBlank();
            assertThat(object.get("kind")).asString().isNotBlank();
            assertThat(name(object)).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        });
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theSameChartsHoldTheSameKindsOnBothClouds(Target target) {
        Rendered rendered = RENDERED.get(target);
        assertThat(rendered.byChart.keySet()).containsExactly(
                target == Target.EKS ? "eks-nodes" : "gke-cluster", "runner-namespace", "runner-access", "pipeline-runs");
        assertThat(rendered.byChart.get("runner-namespace")).extracting(o -> o.get("kind"))
                .containsExactly("Namespace", "ResourceQuota", "LimitRange", "NetworkPolicy");
        assertThat(rendered.byChart.get("runner-access")).extracting(o -> o.get("kind") + "/" + name(o))
                .containsExactly("ServiceAccount/run-sales-daily", "ServiceAccount/run-web-sessions",
                        "Role/run-operator", "RoleBinding/run-operators");
        assertThat(rendered.byChart.get("pipeline-runs")).extracting(o -> o.get("kind") + "/" + name(o))
                .containsExactly("TriggerAuthentication/run-queues", "PodDisruptionBudget/pipeline-runs",
                        "ScaledJob/run-sales-daily", "ScaledJob/run-web-sessions");
        assertThat(rendered.all()).filteredOn(o -> !"Namespace".equals(o.get("kind")))
                .filteredOn(o -> List.of("runner-namespace", "runner-access", "pipeline-runs").stream()
                        .anyMatch(chart -> rendered.byChart.get(chart).contains(o)))
                .allSatisfy(o -> assertThat(at(o, "metadata", "namespace")).isEqualTo("datalake-runners"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void runsUseTheirPipelinesServiceAccountWithRequestsEqualToLimits(Target target) {
        Map<String, Object> job = RENDERED.get(target).one("ScaledJob", "run-sales-daily");
        Object pod = at(job, "spec", "jobTargetRef", "template", "spec");
        assertThat(at(pod, "serviceAccountName")).isEqualTo("run-sales-daily");
        assertThat(at(pod, "automountServiceAccountToken")).isEqualTo(false);
        Map<String, Object> size = Map.of("cpu", "1000m", "memory", "4096Mi", "ephemeral-storage", "2Gi");
        assertThat(at(pod, "containers", 0, "resources")).isEqualTo(Map.of("requests", size, "limits", size));
        assertThat(at(job, "spec", "maxReplicaCount")).isEqualTo(10);
        assertThat(at(job, "spec", "jobTargetRef", "activeDeadlineSeconds")).isEqualTo(21600);
        assertThat(at(job, "spec", "jobTargetRef", "template", "metadata", "labels"))
                .isEqualTo(Map.of("app.kubernetes.io/part-of", "datalake", "app.kubernetes.io/component", "pipeline-run",
                        "datalake.io/pipeline", "sales_daily"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void noContainerIsPrivilegedRootOrAbleToEscalate(Target target) {
        for (Map<String, Object> job : RENDERED.get(target).ofKind("ScaledJob")) {
            Object pod = at(job, "spec", "jobTargetRef", "template", "spec");
            assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
            assertThat(at(pod, "hostNetwork")).isNull();
            assertThat((List<?>) at(pod, "containers")).allSatisfy(container -> {
                assertThat(at(container, "securityContext", "privileged")).isEqualTo(false);
                assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
                assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
                assertThat(at(container, "securityContext", "capabilities", "drop")).isEqualTo(List.of("ALL"));
            });
        }
        assertThat(at(RENDERED.get(target).one("Namespace", "datalake-runners"), "metadata", "labels",
                "pod-security.kubernetes.io/enforce")).isEqualTo("restricted");
    }

    @Test
    void eksScalerCountsThePipelinesSqsQueueWithKedasPodIdentity() {
        Rendered eks = RENDERED.get(Target.EKS);
        assertThat(at(eks.one("ScaledJob", "run-sales-daily"), "spec", "triggers")).isEqualTo(List.of(Map.of(
                "type", "aws-sqs-queue",
                "authenticationRef", Map.of("name", "run-queues"),
                "metadata", Map.of("queueURL", "acme-datalake-dev-runs-sales_daily", "awsRegion", "eu-west-1",
                        "queueLength", "1", "scaleOnInFlight", "true"))));
        assertThat(at(eks.one("TriggerAuthentication", "run-queues"), "spec"))
                .isEqualTo(Map.of("podIdentity", Map.of("provider", "aws")));
    }

    @Test
    void gkeScalerCountsThePipelinesPubSubSubscriptionWithKedasWorkloadIdentity() {
        Rendered gke = RENDERED.get(Target.GKE);
        assertThat(at(gke.one("ScaledJob", "run-web-sessions"), "spec", "triggers")).isEqualTo(List.of(Map.of(
                "type", "gcp-pubsub",
                "authenticationRef", Map.of("name", "run-queues"),
                "metadata", Map.of("subscriptionName", "projects/acme-lake-dev/subscriptions/acme-datalake-dev-runs-web_sessions",
                        "mode", "SubscriptionSize", "value", "1"))));
        assertThat(at(gke.one("TriggerAuthentication", "run-queues"), "spec"))
                .isEqualTo(Map.of("podIdentity", Map.of("provider", "gcp")));
    }

    @Test
    void serviceAccountsCarryWorkloadIdentityOnGkeAndNothingOnEks() {
        assertThat(at(RENDERED.get(Target.EKS).one("ServiceAccount", "run-sales-daily"), "metadata", "annotations")).isNull();
        assertThat(at(RENDERED.get(Target.GKE).one("ServiceAccount", "run-sales-daily"), "metadata", "annotations"))
                .isEqualTo(Map.of("iam.gke.io/gcp-service-account", "run-sales-daily@acme-lake-dev.iam.gserviceaccount.com"));
    }

    @Test
    void runsAreScheduledOnTheRunnerPoolOnEksAndOnBalancedSpotPodsOnAutopilot() {
        Object eks = at(RENDERED.get(Target.EKS).one("ScaledJob", "run-sales-daily"), "spec", "jobTargetRef", "template");
        assertThat(at(eks, "spec", "nodeSelector")).isEqualTo(Map.of("karpenter.sh/nodepool", "runners", "kubernetes.io/arch", "amd64"));
        assertThat(at(eks, "spec", "tolerations", 0, "key")).isEqualTo("datalake.io/runners");
        assertThat(at(eks, "metadata", "annotations")).isEqualTo(Map.of("karpenter.sh/do-not-disrupt", "true"));
        Object gke = at(RENDERED.get(Target.GKE).one("ScaledJob", "run-sales-daily"), "spec", "jobTargetRef", "template");
        assertThat(at(gke, "spec", "nodeSelector")).isEqualTo(Map.of("cloud.google.com/compute-class", "Balanced",
                "cloud.google.com/gke-spot", "true", "kubernetes.io/arch", "amd64"));
        assertThat(at(gke, "spec", "terminationGracePeriodSeconds")).isEqualTo(25);
        assertThat(at(gke, "spec", "tolerations")).isNull();
    }

    @Test
    void networkPolicyAdmitsNothingAndLetsRunsReachOnlyDnsAndTheCloudApis() {
        for (Target target : Target.values()) {
            Map<String, Object> policy = RENDERED.get(target).one("NetworkPolicy", "runs-reach-cloud-apis-only");
            assertThat(at(policy, "spec", "podSelector")).isEqualTo(Map.of());
            assertThat(at(policy, "spec", "ingress")).isEqualTo(List.of());
            assertThat(at(policy, "spec", "egress", 0)).isEqualTo(Map.of("ports", List.of(
                    Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53))));
        }
        assertThat(destinations(Target.EKS)).containsExactly("10.80.0.0/16:443", "169.254.170.23/32:80");
        assertThat(destinations(Target.GKE)).containsExactly("199.36.153.8/30:443", "169.254.169.254/32:80",
                "169.254.169.252/32:988");
    }

    private static List<String> destinations(Target target) {
        List<?> egress = (List<?>) at(RENDERED.get(target).one("NetworkPolicy", "runs-reach-cloud-apis-only"), "spec", "egress");
        return egress.subList(1, egress.size()).stream()
                .map(rule -> at(rule, "to", 0, "ipBlock", "cidr") + ":" + at(rule, "ports", 0, "port")).toList();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void quotaHoldsTheNamespaceToTheClusterLimitsAndRunsCannotBeEvicted(Target target) {
        Rendered rendered = RENDERED.get(target);
        assertThat(at(rendered.one("ResourceQuota", "runs"), "spec", "hard")).isEqualTo(Map.of(
                "requests.cpu", "64", "limits.cpu", "64", "requests.memory", "256Gi", "limits.memory", "256Gi"));
        assertThat(at(rendered.one("PodDisruptionBudget", "pipeline-runs"), "spec")).isEqualTo(Map.of(
                "maxUnavailable", 0, "selector", Map.of("matchLabels", Map.of("app.kubernetes.io/component", "pipeline-run"))));
    }

    @Test
    void operatorsMayWatchAndCancelRunsButRunnersGetNoRbac() {
        Rendered eks = RENDERED.get(Target.EKS);
        assertThat(eks.ofKind("RoleBinding")).singleElement().satisfies(binding ->
                assertThat(at(binding, "subjects")).isEqualTo(List.of(Map.of("apiGroup", "rbac.authorization.k8s.io",
                        "kind", "Group", "name", "datalake-runner-operators"))));
        assertThat(at(eks.one("Role", "run-operator"), "rules", 1)).isEqualTo(Map.of("apiGroups", List.of("batch"),
                "resources", List.of("jobs"), "verbs", List.of("get", "list", "watch", "delete")));
        assertThat(eks.ofKind("ClusterRoleBinding")).isEmpty();
        assertThat(eks.ofKind("ServiceAccount")).allSatisfy(account ->
                assertThat(at(account, "automountServiceAccountToken")).isEqualTo(false));
    }
}
