package io.datalake.cluster;

import io.datalake.core.LakeNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.YamlOutputType;

/**
 * The runner cluster's Kubernetes manifests for one environment and cloud: the cloud's own chart
 * (the EKS node pool, or the Config Connector objects that create the GKE Autopilot cluster), then
 * the runner namespace, its access, and the pipeline runners. The last three are the same charts
 * on both clouds; only the {@link Target}'s profile differs.
 */
public final class RunnerManifests {
    private RunnerManifests() {
    }

    /**
     * Adds the charts to a cdk8s app, each depending on the one before so they are written (and
     * applied) in order.
     *
     * @throws io.datalake.core.LakeConfigException when the environment lacks what the target needs
     *     (a Google Cloud project for GKE)
     */
    public static List<Chart> addTo(App app, LakeNames names, Target target) {
        CloudProfile profile = switch (target) {
            case EKS -> new EksProfile(names);
            case GKE -> new GkeProfile(names);
        };
        Chart cloud = profile.addCloudChart(app);
        Chart namespace = new RunnerNamespaceChart(app, "runner-namespace", names, profile);
        Chart access = new RunnerAccessChart(app, "runner-access", names, profile);
        Chart runs = new PipelineRunsChart(app, "pipeline-runs", names, profile);
        namespace.addDependency(cloud);
        access.addDependency(namespace);
        runs.addDependency(access);
        return List.of(cloud, namespace, access, runs);
    }

    /**
     * Writes the manifests as one YAML file per chart into the folder, replacing earlier renders.
     *
     * @return the files written, in the order to apply them
     */
    public static List<Path> render(LakeNames names, Target target, Path outDir) {
        try {
            Files.createDirectories(outDir);
            try (Stream<Path> old = Files.list(outDir)) {
                for (Path file : old.filter(f -> f.getFileName().toString().endsWith(".k8s.yaml")).toList()) {
                    Files.delete(file);
                }
            }
            App app = new App(AppProps.builder()
                    .outdir(outDir.toString())
                    .yamlOutputType(YamlOutputType.FILE_PER_CHART)
                    .build());
            addTo(app, names, target);
            app.synth();
            try (Stream<Path> files = Files.list(outDir)) {
                return files.filter(f -> f.getFileName().toString().endsWith(".k8s.yaml")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifests to " + outDir + ": " + e.getMessage(), e);
        }
    }
}
