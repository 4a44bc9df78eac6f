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
 * The GKE side of the cloud, as Config Connector objects: {@code kubectl apply} them in a namespace
 * that Config Connector manages for the project, and it creates a private network with Private
 * Google Access (and Google's APIs resolved to their private range), Cloud NAT for image pulls, the
 * GKE Autopilot cluster with private nodes and endpoint, the Pub/Sub topic and subscription of each
 * pipeline's runs, and the Google service accounts that the runners and KEDA use through Workload
 * Identity, each allowed exactly what it needs.
 */
final class GkeClusterChart extends Chart {
    private static final String CNRM = ".cnrm.cloud.google.com/v1beta1";
    /** Autopilot picks the pod and service ranges of these sizes itself. */
    static final String POD_RANGE = "/17";
    static final String SERVICE_RANGE = "/22";
    /** Pub/Sub redelivers a run request that was not acknowledged within this many seconds. */
    static final int ACK_DEADLINE_SECONDS = 600;
    /** A run request waits at most a week for a runner. */
    static final String MESSAGE_RETENTION = "604800s";

    private final Map<String, String> project;

    GkeClusterChart(Construct scope, String id, LakeNames names, GkeProfile profile) {
        super(scope, id);
        ClusterSettings settings = names.environment().settings().cluster();
        String region = settings.gcpRegion();
        String cluster = names.clusterName();
        String network = cluster + "-net";
        // Config Connector creates each object in the project this annotation names.
        this.project = Map.of("cnrm.cloud.google.com/project-id", profile.project());

        add("Network", "compute", "ComputeNetwork", network, map("spec", map(
                "autoCreateSubnetworks", false, "routingMode", "REGIONAL")));
        add("Subnetwork", "compute", "ComputeSubnetwork", network, map("spec", map(
                "region", region,
                "ipCidrRange", settings.vpcCidr(),
                "networkRef", map("name", network),
                "privateIpGoogleAccess", true,
                "logConfig", map("aggregationInterval", "INTERVAL_5_MIN", "flowSampling", 0.5, "metadata", "INCLUDE_ALL_METADATA"))));
        add("Router", "compute", "ComputeRouter", network, map("spec", map(
                "region", region, "networkRef", map("name", network))));
        // Nodes pull public images (KEDA's among them) through NAT; runs are kept to Google's APIs by network policy.
        add("Nat", "compute", "ComputeRouterNAT", network, map("spec", map(
                "region", region,
                "routerRef", map("name", network),
                "natIpAllocateOption", "AUTO_ONLY",
                "sourceSubnetworkIpRangesToNat", "ALL_SUBNETWORKS_ALL_IP_RANGES",
                "logConfig", map("enable", true, "filter", "ERRORS_ONLY"))));
        // Google's API names resolve to the private range, the only HTTPS destination runs may reach.
        add("GoogleApisZone", "dns", "DNSManagedZone", network + "-googleapis", map("spec", map(
                "dnsName", "googleapis.com.",
                "visibility", "private",
                "privateVisibilityConfig", map("networks", List.of(map("networkRef", map("name", network)))))));
        add("GoogleApisAlias", "dns", "DNSRecordSet", network + "-googleapis-wildcard", map("spec", map(
                "name", "*.googleapis.com.", "type", "CNAME", "ttl", 300,
                "managedZoneRef", map("name", network + "-googleapis"),
                "rrdatas", List.of("private.googleapis.com."))));
        add("GoogleApisPrivate", "dns", "DNSRecordSet", network + "-googleapis-private", map("spec", map(
                "name", "private.googleapis.com.", "type", "A", "ttl", 300,
                "managedZoneRef", map("name", network + "-googleapis"),
                "rrdatas", List.of("199.36.153.8", "199.36.153.9", "199.36.153.10", "199.36.153.11"))));

        add("Cluster", "container", "ContainerCluster", cluster, map("spec", map(
                "location", region,
                "enableAutopilot", true,
                "releaseChannel", map("channel", "REGULAR"),
                "networkRef", map("name", network),
                "subnetworkRef", map("name", network),
                "ipAllocationPolicy", map("clusterIpv4CidrBlock", POD_RANGE, "servicesIpv4CidrBlock", SERVICE_RANGE),
                "privateClusterConfig", map("enablePrivateNodes", true, "enablePrivateEndpoint", true),
                "masterAuthorizedNetworksConfig", map("cidrBlocks", List.of(
                        map("cidrBlock", settings.vpcCidr(), "displayName", "cluster network"))),
                "workloadIdentityConfig", map("workloadPool", profile.project() + ".svc.id.goog"),
                "loggingConfig", map("enableComponents", List.of("SYSTEM_COMPONENTS", "WORKLOADS")))));

        for (String pipeline : settings.pipelines()) {
            String queue = names.runQueue(pipeline);
            // Kubernetes names allow no underscores; resourceID keeps the lake's name in Google Cloud.
            String objectName = queue.replace('_', '-');
            add("Runs-" + pipeline, "pubsub", "PubSubTopic", objectName, map("spec", map("resourceID", queue)));
            add("RunSubscription-" + pipeline, "pubsub", "PubSubSubscription", objectName, map("spec", map(
                    "resourceID", queue,
                    "topicRef", map("name", objectName),
                    "ackDeadlineSeconds", ACK_DEADLINE_SECONDS,
                    "messageRetentionDuration", MESSAGE_RETENTION,
                    "expirationPolicy", map("ttl", ""),
                    "retryPolicy", map("minimumBackoff", "10s", "maximumBackoff", "600s"))));

            String account = names.gcpRunnerServiceAccount(pipeline);
            add("Runner-" + pipeline, "iam", "IAMServiceAccount", account, map("spec", map(
                    "displayName", "Runs of pipeline " + pipeline + " in " + cluster)));
            workloadIdentity("RunnerIdentity-" + pipeline, account, names.runnerNamespace(), names.runnerServiceAccount(pipeline),
                    profile);
            add("RunnerSubscriber-" + pipeline, "iam", "IAMPolicyMember", account + "-subscriber", map("spec", map(
                    "memberFrom", map("serviceAccountRef", map("name", account)),
                    "role", "roles/pubsub.subscriber",
                    "resourceRef", map("kind", "PubSubSubscription", "name", objectName))));
        }

        String keda = names.gcpKedaServiceAccount();
        add("Keda", "iam", "IAMServiceAccount", keda, map("spec", map(
                "displayName", "KEDA of " + cluster + ": reads the backlog of the run subscriptions")));
        workloadIdentity("KedaIdentity", keda, names.kedaNamespace(), names.kedaServiceAccount(), profile);
        // KEDA's Pub/Sub scaler reads the subscriptions' backlog from Cloud Monitoring.
        add("KedaMonitoringViewer", "iam", "IAMPolicyMember", keda + "-monitoring", map("spec", map(
                "memberFrom", map("serviceAccountRef", map("name", keda)),
                "role", "roles/monitoring.viewer",
                "resourceRef", map("kind", "Project", "external", "projects/" + profile.project()))));
    }

    /** Lets one Kubernetes service account act as one Google service account, and nothing else. */
    private void workloadIdentity(String id, String account, String namespace, String serviceAccount, GkeProfile profile) {
        add(id, "iam", "IAMPolicyMember", account + "-workload-identity", map("spec", map(
                "member", "serviceAccount:" + profile.project() + ".svc.id.goog[" + namespace + "/" + serviceAccount + "]",
                "role", "roles/iam.workloadIdentityUser",
                "resourceRef", map("kind", "IAMServiceAccount", "name", account))));
    }

    private void add(String id, String group, String kind, String name, Map<String, Object> body) {
        object(this, id, group + CNRM, kind, name, null, Map.of(), project, body);
    }
}
