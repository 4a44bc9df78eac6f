package io.datalake.cluster;

import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;

/**
 * Everything about the runner workloads that depends on the cloud: how a service account gets its
 * cloud identity, which queue a scaler watches and how it authenticates, which addresses the cloud
 * APIs live at, and where runs are scheduled. The charts ask the profile and stay cloud-neutral.
 */
sealed interface CloudProfile permits EksProfile, GkeProfile {

    Target target();

    /** Annotations that tie a pipeline's service account to its cloud identity (none where the cloud maps it). */
    Map<String, String> serviceAccountAnnotations(String pipeline);

    /** The KEDA trigger that counts a pipeline's pending runs. */
    Map<String, Object> runTrigger(String pipeline, String authentication);

    /** The spec of the KEDA TriggerAuthentication the triggers use: KEDA's own workload identity. */
    Map<String, Object> triggerAuthentication();

    /** Network policy egress rules to the cloud's APIs and identity endpoint, and nothing else. */
    List<Map<String, Object>> cloudApiEgress();

    /** Where runs are scheduled: the node pool or compute class for batch work. */
    Map<String, String> nodeSelector();

    /** Tolerations runs need for the nodes {@link #nodeSelector()} picks. */
    List<Map<String, Object>> tolerations();

    /** Annotations on a run's pod (e.g. keep the autoscaler from moving a running pipeline). */
    Map<String, String> runPodAnnotations();

    /** Seconds a run gets to stop after a termination notice. */
    long terminationGracePeriodSeconds();

    /** Environment variables that tell a run where its queue is. */
    Map<String, String> runEnvironment(String pipeline);

    /**
     * Adds the chart of cloud objects the workloads need besides themselves: on EKS the Karpenter
     * node pool, on GKE the Config Connector objects that create the cluster.
     */
    Chart addCloudChart(App app);
}
