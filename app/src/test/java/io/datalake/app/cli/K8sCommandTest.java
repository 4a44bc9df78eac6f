package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.datalake.app.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lake k8s render} against the test-only environment with a runner cluster, and its user errors. */
class K8sCommandTest {
    static final String CONFIG = TestApps.clusterConfig().toString();

    private static List<JsonNode> documents(Path dir) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
                    documents.addAll(it.readAll());
                }
            }
        }
        return documents;
    }

    @Test
    void rendersEksManifestsThatParse(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.lake("k8s", "render", "--target", "eks", "--env", TestApps.CLUSTER_ENV, "--config", CONFIG,
                "--out", dir.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("wrote " + dir.resolve("0000-eks-nodes.k8s.yaml"))
                .contains("wrote " + dir.resolve("0003-pipeline-runs.k8s.yaml"))
                .contains("kubectl apply -f " + dir);
        List<JsonNode> documents = documents(dir);
        assertThat(documents).allSatisfy(doc -> assertThat(doc.path("metadata").path("name").asText()).isNotBlank());
        assertThat(documents).extracting(doc -> doc.path("kind").asText())
                .contains("NodePool", "NodeClass", "Namespace", "NetworkPolicy", "ServiceAccount", "ScaledJob");
    }

    @Test
    void rendersGkeManifestsWithTheAutopilotClusterFirst(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.lake("k8s", "render", "--target", "gke", "--env", TestApps.CLUSTER_ENV, "--config", CONFIG,
                "--out", dir.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("apply 0000-gke-cluster.k8s.yaml to your Config Connector namespace");
        JsonNode cluster = documents(dir).stream().filter(doc -> doc.path("kind").asText().equals("ContainerCluster"))
                .findFirst().orElseThrow();
        assertThat(cluster.path("spec").path("enableAutopilot").asBoolean()).isTrue();
        assertThat(cluster.path("metadata").path("annotations").path("cnrm.cloud.google.com/project-id").asText())
                .isEqualTo("acme-lake-ops");
    }

    @Test
    void gkeWithoutAProjectIsOneLineAndExitCodeTwo(@TempDir Path dir) {
        CliRun run = CliRun.lake("k8s", "render", "--target", "gke", "--env", "dev", "--config",
                TestApps.CDK_JSON.toString(), "--out", dir.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).isEqualTo("lake: settings.cluster.gcpProject is required to render for GKE: set it to the"
                + " Google Cloud project of environment 'dev' in cdk.json" + System.lineSeparator());
    }

    @Test
    void devRendersForEksButSaysItHasNoClusterOrRunners(@TempDir Path dir) {
        CliRun run = CliRun.lake("k8s", "render", "--target", "eks", "--env", "dev", "--config",
                TestApps.CDK_JSON.toString(), "--out", dir.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("note: settings.cluster.pipelines of dev is empty, so no runner is rendered")
                .contains("note: settings.cluster.enabled is false for dev");
    }

    @Test
    void unknownTargetOrEnvironmentIsAUserError() {
        CliRun target = CliRun.lake("k8s", "render", "--target", "aks", "--env", "dev", "--config", TestApps.CDK_JSON.toString());
        assertThat(target.exitCode).isEqualTo(2);
        assertThat(target.err).isEqualTo("lake: --target must be one of eks, gke, but 'aks' was given" + System.lineSeparator());
        CliRun env = CliRun.lake("k8s", "render", "--target", "eks", "--env", "qa", "--config", TestApps.CDK_JSON.toString());
        assertThat(env.exitCode).isEqualTo(2);
        assertThat(env.err).startsWith("lake: unknown environment 'qa'").hasLineCount(1);
        CliRun missing = CliRun.lake("k8s", "render", "--env", "dev");
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.err).contains("Missing required option: '--target=eks|gke'");
    }
}
