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
 * Runners that scale with pending work: for each pipeline a KEDA ScaledJob that starts one run Job
 * per waiting run request in the pipeline's queue (none when the queue is empty, so the nodes
 * drain away), up to the settings' parallel runs; the TriggerAuthentication that lets KEDA read
 * the queues with its own cloud identity; and a disruption budget that keeps autoscalers from
 * evicting a run that is under way.
 */
final class PipelineRunsChart extends Chart {
    /** KEDA reads queue lengths with its operator's own workload identity, described here. */
    static final String TRIGGER_AUTHENTICATION = "run-queues";
    /** How often KEDA looks at the queues, in seconds. */
    static final int POLLING_SECONDS = 15;
    static final int SUCCESSFUL_HISTORY = 5;
    static final int FAILED_HISTORY = 10;

    PipelineRunsChart(Construct scope, String id, LakeNames names, CloudProfile profile) {
        super(scope, id);
        ClusterSettings settings = names.environment().settings().cluster();
        String namespace = names.runnerNamespace();

        object(this, "QueueAuthentication", "keda.sh/v1alpha1", "TriggerAuthentication", TRIGGER_AUTHENTICATION, namespace,
                Map.of(), Map.of(), map("spec", profile.triggerAuthentication()));

        // Runs are batch work: no voluntary eviction (node consolidation, upgrades) may stop one.
        object(this, "RunDisruptionBudget", "policy/v1", "PodDisruptionBudget", "pipeline-runs", namespace, Map.of(), Map.of(),
                map("spec", map("maxUnavailable", 0, "selector", map("matchLabels", PipelineRunJob.COMPONENT))));

        for (String pipeline : settings.pipelines()) {
            object(this, "Runner-" + pipeline, "keda.sh/v1alpha1", "ScaledJob", names.runnerServiceAccount(pipeline), namespace,
                    Map.of(PipelineRunJob.PIPELINE_LABEL, pipeline), Map.of(), map("spec", map(
                            "jobTargetRef", PipelineRunJob.spec(names, profile, pipeline),
                            "pollingInterval", POLLING_SECONDS,
                            "maxReplicaCount", settings.maxParallelRuns(),
                            "successfulJobsHistoryLimit", SUCCESSFUL_HISTORY,
                            "failedJobsHistoryLimit", FAILED_HISTORY,
                            // Both queues count requests being worked on, so KEDA's default strategy
                            // (pending requests minus running jobs) starts exactly the runs missing.
                            "scalingStrategy", map("strategy", "default"),
                            "triggers", List.of(profile.runTrigger(pipeline, TRIGGER_AUTHENTICATION)))));
        }
    }
}
