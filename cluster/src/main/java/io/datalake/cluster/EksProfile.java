package io.datalake.cluster;

import static io.datalake.cluster.Manifests.egressTo;
import static io.datalake.cluster.Manifests.map;

import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;

/**
 * The EKS profile: runs are scheduled on the Karpenter node pool of EKS Auto Mode, a pipeline's
 * service account gets its role through an EKS Pod Identity association (made by the cluster stack,
 * so the manifests carry no account id), KEDA counts the pipeline's SQS queue, and the cloud APIs
 * are the VPC interface endpoints inside the cluster's VPC.
 */
final class EksProfile implements CloudProfile {
    /** The EKS Pod Identity agent on every node hands out the pods' credentials here. */
    static final String POD_IDENTITY_AGENT = "169.254.170.23/32";
    /** Karpenter and Auto Mode leave pods with this annotation alone until they finish. */
    static final String DO_NOT_DISRUPT = "karpenter.sh/do-not-disrupt";
    /** Spot instances get two minutes' notice; a run gets most of it to stop cleanly. */
    static final long GRACE_SECONDS = 90;

    private final LakeNames names;
    private final ClusterSettings settings;

    EksProfile(LakeNames names) {
        this.names = names;
        this.settings = names.environment().settings().cluster();
    }

    @Override
    public Target target() {
        return Target.EKS;
    }

    @Override
    public Map<String, String> serviceAccountAnnotations(String pipeline) {
        return Map.of();
    }

    /** The queue's URL when the account is known; KEDA also accepts the bare name of a queue in its region. */
    String queueReference(String pipeline) {
        String queue = names.runQueue(pipeline);
        return names.environment().account()
                .map(account -> "https://sqs." + names.environment().region() + ".amazonaws.com/" + account + "/" + queue)
                .orElse(queue);
    }

    @Override
    public Map<String, Object> runTrigger(String pipeline, String authentication) {
        return map("type", "aws-sqs-queue",
                "authenticationRef", map("name", authentication),
                "metadata", map(
                        "queueURL", queueReference(pipeline),
                        "awsRegion", names.environment().region(),
                        // One run per message; messages in flight (runs under way) count too, as on Pub/Sub.
                        "queueLength", "1",
                        "scaleOnInFlight", "true"));
    }

    @Override
    public Map<String, Object> triggerAuthentication() {
        return map("podIdentity", map("provider", "aws"));
    }

    @Override
    public List<Map<String, Object>> cloudApiEgress() {
        return List.of(
                // The interface endpoints of STS, SQS, S3, KMS, Glue, Athena and CloudWatch Logs live in the VPC.
                egressTo(settings.vpcCidr(), "TCP", 443),
                egressTo(POD_IDENTITY_AGENT, "TCP", 80));
    }

    @Override
    public Map<String, String> nodeSelector() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put("karpenter.sh/nodepool", EksNodesChart.NODE_POOL);
        selector.put("kubernetes.io/arch", "amd64");
        return selector;
    }

    @Override
    public List<Map<String, Object>> tolerations() {
        return List.of(map("key", EksNodesChart.TAINT_KEY, "operator", "Equal", "value", "true", "effect", "NoSchedule"));
    }

    @Override
    public Map<String, String> runPodAnnotations() {
        return Map.of(DO_NOT_DISRUPT, "true");
    }

    @Override
    public long terminationGracePeriodSeconds() {
        return GRACE_SECONDS;
    }

    @Override
    public Map<String, String> runEnvironment(String pipeline) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", names.environment().region());
        env.put("RUN_QUEUE", queueReference(pipeline));
        return env;
    }

    @Override
    public Chart addCloudChart(App app) {
        return new EksNodesChart(app, "eks-nodes", names);
    }
}
