package io.datalake.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The files {@code lake k8s render} writes: they parse as YAML, every document is a Kubernetes
 * object, and they match the golden files. After an intended change, regenerate with
 * {@code ./mvnw -pl cluster -am test -Dtest=RenderedManifestsTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}
 * and review the diff.
 */
class RenderedManifestsTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Map<Target, List<Path>> FILES = new EnumMap<>(Target.class);

    @TempDir
    static Path out;

    @BeforeAll
    static void render() {
        for (Target target : Target.values()) {
            FILES.put(target, RunnerManifests.render(TestEnvironments.dev(), target, out.resolve(target.id())));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void writesOneFilePerChartInApplyOrder(Target target) {
        assertThat(FILES.get(target)).extracting(f -> f.getFileName().toString()).containsExactly(
                "0000-" + (target == Target.EKS ? "eks-nodes" : "gke-cluster") + ".k8s.yaml",
                "0001-runner-namespace.k8s.yaml", "0002-runner-access.k8s.yaml", "0003-pipeline-runs.k8s.yaml");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyDocumentParsesAndIsAKubernetesObject(Target target) throws IOException {
        List<JsonNode> documents = documents(target);
        assertThat(documents).hasSizeGreaterThan(10).allSatisfy(doc -> {
            assertThat(doc.path("apiVersion").asText()).isNotBlank();
            assertThat(doc.path("kind").asText()).isNotBlank();
            assertThat(doc.path("metadata").path("name").asText()).isNotBlank();
        });
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void matchesTheGoldenFile(Target target) throws IOException {
        StringBuilder actual = new StringBuilder();
        for (Path file : FILES.get(target)) {
            actual.append("# ").append(file.getFileName()).append('\n').append(Files.readString(file));
        }
        Path golden = GOLDEN.resolve(target.id() + ".yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file missing: run with -Dgolden.update=true once and commit it").exists();
        assertThat(actual.toString()).isEqualTo(Files.readString(golden));
    }

    private static List<JsonNode> documents(Target target) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : FILES.get(target)) {
            try (MappingIterator<JsonNode> it = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                documents.addAll(it.readAll());
            }
        }
        return documents;
    }
}
