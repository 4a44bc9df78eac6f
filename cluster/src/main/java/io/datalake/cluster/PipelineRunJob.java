package io.datalake.cluster;

import static io.datalake.cluster.Manifests.map;

import io.datalake.core.ClusterSettings;
import io.datalake.core.LakeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Job template of one pipeline's runs: one pod under the pipeline's own service account, sized
 * by the settings with requests equal to limits (what Autopilot bills and Karpenter packs), and
 * locked down to Kubernetes' restricted profile — not privileged, not root, no privilege
 * escalation, no capabilities, a read-only root file system with a scratch volume.
 */
final class PipelineRunJob {
    /** The label naming the pipeline of a run, its service account and its scaler. */
    static final String PIPELINE_LABEL = "datalake.io/pipeline";
    /** The component label of run pods, which the disruption budget selects. */
    static final Map<String, String> COMPONENT = Map.of("app.kubernetes.io/component", "pipeline-run");
    /** A failed pod is retried once in place; after that the run request returns to the queue. */
    static final int BACKOFF_LIMIT = 1;
    /** A run is stopped after six hours. */
    static final long MAX_RUN_SECONDS = 6 * 3600;
    /** The unprivileged user runs execute as (the "nonroot" user of distroless images). */
    static final long RUN_USER = 65532;
    /** Scratch space of a run under /tmp, also its ephemeral-storage request. */
    static final String SCRATCH = "2Gi";

    private PipelineRunJob() {
    }

    /** {@code requests} and {@code limits} of a run's container, equal to each other. */
    static Map<String, Object> resources(ClusterSettings settings) {
        Map<String, Object> size = map(
                "cpu", settings.runnerCpuMillis() + "m",
                "memory", settings.runnerMemoryMiB() + "Mi",
                "ephemeral-storage", SCRATCH);
        return map("requests", size, "limits", new LinkedHashMap<>(size));
    }

    /** The pod labels of a pipeline's runs. */
    static Map<String, String> labels(String pipeline) {
        Map<String, String> labels = new LinkedHashMap<>(Manifests.PART_OF);
        labels.putAll(COMPONENT);
        labels.put(PIPELINE_LABEL, pipeline);
        return labels;
    }

    /** The spec of a pipeline's run Job, as a KEDA ScaledJob's {@code jobTargetRef} takes it. */
    static Map<String, Object> spec(LakeNames names, CloudProfile profile, String pipeline) {
        ClusterSettings settings = names.environment().settings().cluster();
        List<Map<String, Object>> env = new ArrayList<>();
        env.add(map("name", "LAKE_ENV", "value", names.environment().name()));
        env.add(map("name", "PIPELINE", "value", pipeline));
        profile.runEnvironment(pipeline).forEach((name, value) -> env.add(map("name", name, "value", value)));

        Map<String, Object> container = map(
                "name", "run",
                "image", settings.runnerImage(),
                "env", env,
                "resources", resources(settings),
                "securityContext", map(
                        "privileged", false,
                        "allowPrivilegeEscalation", false,
                        "readOnlyRootFilesystem", true,
                        "runAsNonRoot", true,
                        "capabilities", map("drop", List.of("ALL"))),
                "volumeMounts", List.of(map("name", "scratch", "mountPath", "/tmp")));

        Map<String, Object> podSpec = map(
                "serviceAccountName", names.runnerServiceAccount(pipeline),
                "automountServiceAccountToken", false,
                "restartPolicy", "Never",
                "terminationGracePeriodSeconds", profile.terminationGracePeriodSeconds(),
                "nodeSelector", profile.nodeSelector());
        if (!profile.tolerations().isEmpty()) {
            podSpec.put("tolerations", profile.tolerations());
        }
        podSpec.put("securityContext", map(
                "runAsNonRoot", true,
                "runAsUser", RUN_USER,
                "runAsGroup", RUN_USER,
                "fsGroup", RUN_USER,
                "seccompProfile", map("type", "RuntimeDefault")));
        podSpec.put("containers", List.of(container));
        podSpec.put("volumes", List.of(map("name", "scratch", "emptyDir", map("sizeLimit", SCRATCH))));

        Map<String, Object> podMetadata = map("labels", labels(pipeline));
        if (!profile.runPodAnnotations().isEmpty()) {
            podMetadata.put("annotations", profile.runPodAnnotations());
        }
        return map(
                "backoffLimit", BACKOFF_LIMIT,
                "activeDeadlineSeconds", MAX_RUN_SECONDS,
                "template", map("metadata", podMetadata, "spec", podSpec));
    }
}
