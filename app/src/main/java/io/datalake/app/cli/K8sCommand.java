package io.datalake.app.cli;

import io.datalake.cluster.RunnerManifests;
import io.datalake.cluster.Target;
import io.datalake.core.ClusterSettings;
import io.datalake.core.Environment;
import io.datalake.core.LakeNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lake k8s}: the runner cluster's Kubernetes side. */
@Command(name = "k8s", mixinStandardHelpOptions = true,
        description = "Kubernetes manifests of the runner cluster.",
        subcommands = K8sCommand.Render.class)
final class K8sCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code lake k8s render}: writes the manifests of one environment for EKS or GKE Autopilot. */
    @Command(name = "render", mixinStandardHelpOptions = true,
            description = {"Write the runner cluster's manifests for EKS or GKE Autopilot, one file per chart,",
                    "numbered in the order to apply them."})
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        EnvironmentOptions environment;

        @Option(names = "--target", required = true, paramLabel = "eks|gke",
                description = "The cloud: eks (Auto Mode, Pod Identity, SQS) or gke (Autopilot via Config Connector,"
                        + " Workload Identity, Pub/Sub).")
        String target;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Where to write the manifests (default: cdk.out/k8s-<target>).")
        Path out;

        @Override
        public Integer call() {
            Target cloud = Target.parse("--target", target);
            Environment env = environment.cdkConfig().environment(environment.env);
            Path dir = out != null ? out : Path.of("cdk.out", "k8s-" + cloud.id());
            List<Path> files = RunnerManifests.render(new LakeNames(env), cloud, dir);

            PrintWriter stdout = spec.commandLine().getOut();
            for (Path file : files) {
                stdout.println("wrote " + file);
            }
            ClusterSettings cluster = env.settings().cluster();
            if (cluster.pipelines().isEmpty()) {
                stdout.println("note: settings.cluster.pipelines of " + env.name() + " is empty, so no runner is rendered");
            }
            if (cloud == Target.EKS && !cluster.enabled()) {
                stdout.println("note: settings.cluster.enabled is false for " + env.name()
                        + ", so the app deploys no EKS cluster to apply these to");
            }
            stdout.println(cloud == Target.EKS
                    ? "apply to the EKS cluster: kubectl apply -f " + dir + " (see README, \"Runner cluster\")"
                    : "apply " + files.get(0).getFileName() + " to your Config Connector namespace, the rest to the new"
                            + " cluster (see README, \"Runner cluster\")");
            return 0;
        }
    }
}
