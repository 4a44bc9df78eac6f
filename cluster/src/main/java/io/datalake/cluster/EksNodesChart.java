package io.datalake.cluster;

import static io.datalake.cluster.Manifests.map;
import static io.datalake.cluster.Manifests.object;

import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeNames;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import software.constructs.Construct;

/**
 * The nodes of the runners on EKS Auto Mode, which runs Karpenter for us: a node class in the
 * cluster's private subnets with network policies enforced, and a Karpenter node pool that starts
 * nodes only for pending runs, removes them a minute after they empty (so the pool rests at zero
 * nodes), may use spot capacity, and never grows past the CPU and memory of the settings.
 */
final class EksNodesChart extends Chart {
    /** The node pool and node class of the runners. */
    static final String NODE_POOL = "runners";
    /** Only pods that tolerate this taint (the runs) land on runner nodes. */
    static final String TAINT_KEY = "datalake.io/runners";
    /** An empty node is removed after this long: long enough to reuse it for the next run of a burst. */
    static final String CONSOLIDATE_AFTER = "1m";
    /** Nodes are replaced after two weeks, so they pick up new AMIs. */
    static final String EXPIRE_AFTER = "336h";
    /** A draining node waits at most this long for running pipelines; longer than a run may last. */
    static final String TERMINATION_GRACE = "12h";
    /** Local disk of a runner node, for the runs' scratch space and images. */
    static final String EPHEMERAL_STORAGE = "80Gi";

    EksNodesChart(Construct scope, String id, LakeNames names) {
        super(scope, id);
        ClusterSettings settings = names.environment().settings().cluster();

        // Auto Mode accepts network policies but enforces them only once its controller is switched on.
        object(this, "NetworkPolicyController", "v1", "ConfigMap", "amazon-vpc-cni", "kube-system", Map.of(), Map.of(),
                map("data", map("enable-network-policy-controller", "true")));

        object(this, "NodeClass", "eks.amazonaws.com/v1", "NodeClass", NODE_POOL, null, Map.of(), Map.of(), map("spec", map(
                "role", names.clusterNodeRole(),
                "subnetSelectorTerms", List.of(map("tags", map(names.runnerSubnetTag(), names.clusterName()))),
                "securityGroupSelectorTerms", List.of(map("tags", map("aws:eks:cluster-name", names.clusterName()))),
                "networkPolicy", "DefaultAllow",
                "networkPolicyEventLogs", "Disabled",
                "ephemeralStorage", map("size", EPHEMERAL_STORAGE),
                "tags", map("datalake:org", names.environment().org(), "datalake:env", names.environment().name()))));

        List<String> capacity = settings.spot() ? List.of("spot", "on-demand") : List.of("on-demand");
        object(this, "NodePool", "karpenter.sh/v1", "NodePool", NODE_POOL, null, Map.of(), Map.of(), map("spec", map(
                "template", map(
                        "metadata", map("labels", map("datalake.io/pool", NODE_POOL)),
                        "spec", map(
                                "nodeClassRef", map("group", "eks.amazonaws.com", "kind", "NodeClass", "name", NODE_POOL),
                                "taints", List.of(map("key", TAINT_KEY, "value", "true", "effect", "NoSchedule")),
                                "requirements", List.of(
                                        requirement("karpenter.sh/capacity-type", "In", capacity),
                                        requirement("eks.amazonaws.com/instance-category", "In", List.of("c", "m", "r")),
                                        requirement("eks.amazonaws.com/instance-generation", "Gt", List.of("5")),
                                        requirement("kubernetes.io/arch", "In", List.of("amd64"))),
                                "expireAfter", EXPIRE_AFTER,
                                "terminationGracePeriod", TERMINATION_GRACE)),
                "limits", map("cpu", String.valueOf(settings.maxCpu()), "memory", settings.maxMemoryGiB() + "Gi"),
                "disruption", map(
                        "consolidationPolicy", "WhenEmptyOrUnderutilized",
                        "consolidateAfter", CONSOLIDATE_AFTER))));
    }

    private static Map<String, Object> requirement(String key, String operator, List<String> values) {
        return map("key", key, "operator", operator, "values", values);
    }
}
