package io.datalake.cluster;

import static io.datalake.cluster.Manifests.map;
import static io.datalake.cluster.Manifests.object;

import io.datalake.core.LakeNames;
import java.util.List;
import java.util.Map;
import org.cdk8s.Chart;
import software.constructs.Construct;

/**
 * Who is who in the runner namespace. Each pipeline gets its own service account, which the cloud
 * maps to that pipeline's identity (EKS Pod Identity association, or the GKE Workload Identity
 * annotation) and to nothing broader; runs get no Kubernetes API token and no RBAC at all. People
 * in the operators group may watch runs, read their logs, cancel a run and pause a pipeline's scaler.
 */
final class RunnerAccessChart extends Chart {
    /** The Kubernetes group whose members operate runs (an EKS access entry or a Google group maps people to it). */
    static final String OPERATORS_GROUP = "datalake-runner-operators";
    static final String OPERATOR_ROLE = "run-operator";

    RunnerAccessChart(Construct scope, String id, LakeNames names, CloudProfile profile) {
        super(scope, id);
        String namespace = names.runnerNamespace();
        for (String pipeline : names.environment().settings().cluster().pipelines()) {
            object(this, "ServiceAccount-" + pipeline, "v1", "ServiceAccount", names.runnerServiceAccount(pipeline), namespace,
                    Map.of(PipelineRunJob.PIPELINE_LABEL, pipeline), profile.serviceAccountAnnotations(pipeline),
                    // Runs talk to the cloud, never to the Kubernetes API.
                    map("automountServiceAccountToken", false));
        }

        object(this, "OperatorRole", "rbac.authorization.k8s.io/v1", "Role", OPERATOR_ROLE, namespace, Map.of(), Map.of(),
                map("rules", List.of(
                        map("apiGroups", List.of(""), "resources", List.of("pods", "pods/log", "events"),
                                "verbs", List.of("get", "list", "watch")),
                        map("apiGroups", List.of("batch"), "resources", List.of("jobs"),
                                "verbs", List.of("get", "list", "watch", "delete")),
                        map("apiGroups", List.of("keda.sh"), "resources", List.of("scaledjobs"),
                                "verbs", List.of("get", "list", "watch", "patch")))));
        object(this, "Operators", "rbac.authorization.k8s.io/v1", "RoleBinding", "run-operators", namespace, Map.of(), Map.of(),
                map("roleRef", map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", OPERATOR_ROLE),
                        "subjects", List.of(map("apiGroup", "rbac.authorization.k8s.io", "kind", "Group", "name", OPERATORS_GROUP))));
    }
}
