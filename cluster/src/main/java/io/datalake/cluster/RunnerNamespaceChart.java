package io.datalake.cluster;

import static io.datalake.cluster.Manifests.map;
import static io.datalake.cluster.Manifests.object;

import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import software.constructs.Construct;

/**
 * The namespace pipeline runs live in and its guard rails, the same on every cloud: Kubernetes'
 * restricted pod security standard, a quota that holds the namespace to the cluster's CPU and
 * memory limits (the only limit on GKE Autopilot, which has no node pools to cap), default
 * requests for any container that names none, and a network policy that admits no traffic in and
 * lets runs reach DNS and the cloud's APIs only.
 */
final class RunnerNamespaceChart extends Chart {
    /** The network policy of the runner namespace. */
    static final String NETWORK_POLICY = "runs-reach-cloud-apis-only";

    RunnerNamespaceChart(Construct scope, String id, LakeNames names, CloudProfile profile) {
        super(scope, id);
        ClusterSettings settings = names.environment().settings().cluster();
        String namespace = names.runnerNamespace();

        object(this, "Namespace", "v1", "Namespace", namespace, null, Map.of(
                "pod-security.kubernetes.io/enforce", "restricted",
                "pod-security.kubernetes.io/warn", "restricted"), Map.of(), map());

        String cpu = String.valueOf(settings.maxCpu());
        String memory = settings.maxMemoryGiB() + "Gi";
        object(this, "Quota", "v1", "ResourceQuota", "runs", namespace, Map.of(), Map.of(), map("spec", map("hard", map(
                "requests.cpu", cpu, "limits.cpu", cpu, "requests.memory", memory, "limits.memory", memory))));

        Map<String, Object> runSize = PipelineRunJob.resources(settings);
        object(this, "Defaults", "v1", "LimitRange", "run-defaults", namespace, Map.of(), Map.of(), map("spec", map(
                "limits", List.of(map("type", "Container",
                        "default", runSize.get("limits"),
                        "defaultRequest", runSize.get("requests"))))));

        List<Map<String, Object>> egress = new ArrayList<>();
        // DNS answers come from kube-dns or from the node itself, depending on the cloud: allow port 53 anywhere.
        egress.add(map("ports", List.of(map("protocol", "UDP", "port", 53), map("protocol", "TCP", "port", 53))));
        egress.addAll(profile.cloudApiEgress());
        object(this, "NetworkPolicy", "networking.k8s.io/v1", "NetworkPolicy", NETWORK_POLICY, namespace, Map.of(), Map.of(),
                map("spec", map(
                        "podSelector", map(),
                        "policyTypes", List.of("Ingress", "Egress"),
                        "ingress", List.of(),
                        "egress", egress)));
    }
}
