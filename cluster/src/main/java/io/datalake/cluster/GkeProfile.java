package io.datalake.cluster;

import static io.datalake.cluster.Manifests.egressTo;
import static io.datalake.cluster.Manifests.map;

import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;

/**
 * The GKE Autopilot profile: a pipeline's service account carries the Workload Identity annotation
 * naming its Google service account (instead of an AWS role), runs ask Autopilot for the Balanced
 * compute class and, when allowed, Spot Pods, KEDA counts the pipeline's Pub/Sub subscription, and
 * the cloud APIs are Google's private API range behind Private Google Access.
 */
final class GkeProfile implements CloudProfile {
    /** {@code private.googleapis.com}: Google APIs reached through Private Google Access. */
    static final String PRIVATE_GOOGLE_APIS = "199.36.153.8/30";
    /** The GKE metadata server, which exchanges the pod's token for its Google service account's. */
    static final String METADATA_SERVER = "169.254.169.254/32";
    /** The metadata server's address and port on clusters without Dataplane V2 enforcement of the above. */
    static final String METADATA_SERVER_LEGACY = "169.254.169.252/32";
    /** The Autopilot compute class of runs: general-purpose machines that suit batch work. */
    static final String COMPUTE_CLASS = "Balanced";
    /** Autopilot caps the grace period of Spot Pods at 25 seconds. */
    static final long SPOT_GRACE_SECONDS = 25;
    /** Without Spot Pods a run gets as long as on EKS to stop cleanly. */
    static final long GRACE_SECONDS = 90;
    /** The Workload Identity annotation of a Kubernetes service account. */
    static final String WORKLOAD_IDENTITY = "iam.gke.io/gcp-service-account";

    private final LakeNames names;
    private final ClusterSettings settings;
    private final String project;

    GkeProfile(LakeNames names) {
        this.names = names;
        this.settings = names.environment().settings().cluster();
        this.project = settings.gcpProject().orElseThrow(() -> new LakeConfigException(
                "settings.cluster.gcpProject is required to render for GKE: set it to the Google Cloud project"
                        + " of environment '" + names.environment().name() + "' in cdk.json"));
        String cluster = names.clusterName();
        if (cluster.length() > 40 || !Character.isLetter(cluster.charAt(0))) {
            throw new LakeConfigException("cluster name '" + cluster + "' must start with a letter and be at most 40"
                    + " characters for GKE: shorten the org or environment name");
        }
    }

    String project() {
        return project;
    }

    /** The e-mail of a Google service account of the project. */
    String serviceAccountEmail(String accountId) {
        return accountId + "@" + project + ".iam.gserviceaccount.com";
    }

    /** The Pub/Sub subscription of a pipeline's pending runs, as a full resource name. */
    String subscription(String pipeline) {
        return "projects/" + project + "/subscriptions/" + names.runQueue(pipeline);
    }

    @Override
    public Target target() {
        return Target.GKE;
    }

    @Override
    public Map<String, String> serviceAccountAnnotations(String pipeline) {
        return Map.of(WORKLOAD_IDENTITY, serviceAccountEmail(names.gcpRunnerServiceAccount(pipeline)));
    }

    @Override
    public Map<String, Object> runTrigger(String pipeline, String authentication) {
        return map("type", "gcp-pubsub",
                "authenticationRef", map("name", authentication),
                "metadata", map(
                        "subscriptionName", subscription(pipeline),
                        "mode", "SubscriptionSize",
                        "value", "1"));
    }

    @Override
    public Map<String, Object> triggerAuthentication() {
        return map("podIdentity", map("provider", "gcp"));
    }

    @Override
    public List<Map<String, Object>> cloudApiEgress() {
        return List.of(
                egressTo(PRIVATE_GOOGLE_APIS, "TCP", 443),
                egressTo(METADATA_SERVER, "TCP", 80),
                egressTo(METADATA_SERVER_LEGACY, "TCP", 988));
    }

    @Override
    public Map<String, String> nodeSelector() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put("cloud.google.com/compute-class", COMPUTE_CLASS);
        if (settings.spot()) {
            // Autopilot adds the matching toleration itself.
            selector.put("cloud.google.com/gke-spot", "true");
        }
        selector.put("kubernetes.io/arch", "amd64");
        return selector;
    }

    @Override
    public List<Map<String, Object>> tolerations() {
        return List.of();
    }

    @Override
    public Map<String, String> runPodAnnotations() {
        return Map.of();
    }

    @Override
    public long terminationGracePeriodSeconds() {
        return settings.spot() ? SPOT_GRACE_SECONDS : GRACE_SECONDS;
    }

    @Override
    public Map<String, String> runEnvironment(String pipeline) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GOOGLE_CLOUD_PROJECT", project);
        env.put("RUN_QUEUE", subscription(pipeline));
        return env;
    }

    @Override
    public Chart addCloudChart(App app) {
        return new GkeClusterChart(app, "gke-cluster", names, this);
    }
}
