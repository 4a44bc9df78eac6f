package io.datalake.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.constructs.checks.LakeChecks;
import io.datalake.constructs.checks.Suppressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.cxapi.SynthesisMessageLevel;

/**
 * cdk-nag's HIPAA Security and NIST 800-53 R5 packs beside AwsSolutions, over every stack of the dev
 * app (environment, example datasets, pipelines), of the test-only {@code ops} app (its runner cluster
 * stack) and of the test-only {@code dr} app (replication and backup copies on). Each app is built and
 * synthesized once. Also keeps the README's count of suppressions per pack true.
 */
class CompliancePacksTest {
    /** The packs and the prefix of their rule ids. */
    static final Map<String, String> PACKS = new LinkedHashMap<>();

    static {
        PACKS.put("AwsSolutions", "AwsSolutions-");
        PACKS.put("HIPAA Security", Suppressions.HIPAA);
        PACKS.put("NIST 800-53 R5", Suppressions.NIST);
    }
    static final Path README = Path.of("..", "README.md");

    static final Map<String, CloudAssembly> assemblies = new LinkedHashMap<>();

    @BeforeAll
    static void synth() {
        assemblies.put("dev", synthesize(TestApps.app("dev")));
        assemblies.put(TestApps.CLUSTER_ENV, synthesize(TestApps.app(TestApps.clusterConfig(), TestApps.CLUSTER_ENV)));
        assemblies.put(TestApps.REPLICATION_ENV, synthesize(TestApps.app(TestApps.replicationConfig(), TestApps.REPLICATION_ENV)));
    }

    private static CloudAssembly synthesize(App app) {
        LakeApp.build(app);
        LakeChecks.applyCompliancePacks(app);
        return app.synth();
    }

    /** Every error or warning of one pack in the app, as {@code path: finding}. */
    private static List<String> findings(String env, String prefix, SynthesisMessageLevel level) {
        List<String> found = new ArrayList<>();
        for (CloudFormationStackArtifact stack : assemblies.get(env).getStacks()) {
            for (SynthesisMessage message : stack.getMessages()) {
                String data = String.valueOf(message.getEntry().getData());
                if (message.getLevel() == level && data.startsWith(prefix)) {
                    found.add(message.getId() + ": " + data.substring(0, Math.min(data.length(), 200)));
                }
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "dev, AwsSolutions-", "dev, HIPAA.Security-", "dev, NIST.800.53.R5-",
        "ops, AwsSolutions-", "ops, HIPAA.Security-", "ops, NIST.800.53.R5-",
        "dr, AwsSolutions-", "dr, HIPAA.Security-", "dr, NIST.800.53.R5-",
    })
    void noUnsuppressedErrorOrWarning(String env, String pack) {
        assertThat(findings(env, pack, SynthesisMessageLevel.ERROR)).as("errors").isEmpty();
        assertThat(findings(env, pack, SynthesisMessageLevel.WARNING)).as("warnings").isEmpty();
    }

    @Test
    void everyStackOfEachAppIsChecked() {
        assertThat(assemblies.get("dev").getStacks()).extracting(CloudFormationStackArtifact::getStackName)
                .contains("acme-datalake-dev", "acme-datalake-dev-pipelines", "acme-datalake-dev-dataset-hr-employees");
        assertThat(assemblies.get(TestApps.CLUSTER_ENV).getStacks()).extracting(CloudFormationStackArtifact::getStackName)
                .contains("acme-datalake-ops-cluster");
        assertThat(assemblies.get(TestApps.REPLICATION_ENV).getStacks()).extracting(CloudFormationStackArtifact::getStackName)
                .contains("acme-datalake-dr-replica", "acme-datalake-dr");
    }

    /** Per pack: the distinct rules suppressed and the suppressions (resource and rule) in the dev app's templates. */
    @SuppressWarnings("unchecked")
    static Map<String, int[]> suppressionCounts(CloudAssembly assembly) {
        Map<String, Set<String>> rules = new TreeMap<>();
        Map<String, Integer> entries = new TreeMap<>();
        for (CloudFormationStackArtifact stack : assembly.getStacks()) {
            Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) stack.getTemplate()).get("Resources");
            for (Object resource : resources.values()) {
                Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource).get("Metadata");
                Object nag = metadata == null ? null : metadata.get("cdk_nag");
                if (nag == null) {
                    continue;
                }
                for (Object rule : (List<Object>) ((Map<String, Object>) nag).get("rules_to_suppress")) {
                    String id = String.valueOf(((Map<String, Object>) rule).get("id"));
                    PACKS.forEach((pack, prefix) -> {
                        if (id.startsWith(prefix)) {
                            rules.computeIfAbsent(pack, p -> new TreeSet<>()).add(id);
                            entries.merge(pack, 1, Integer::sum);
                        }
                    });
                }
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        PACKS.keySet().forEach(pack -> counts.put(pack, new int[] {
            rules.getOrDefault(pack, Set.of()).size(), entries.getOrDefault(pack, 0)}));
        return counts;
    }

    @Test
    void readmeReportsTheSuppressionCountsPerPack() throws IOException {
        String readme = Files.readString(README);
        Map<String, int[]> counts = suppressionCounts(assemblies.get("dev"));
        StringBuilder expected = new StringBuilder();
        counts.forEach((pack, n) -> expected.append("| ").append(pack).append(" | ").append(n[0]).append(" | ")
                .append(n[1]).append(" |\n"));
        Matcher table = Pattern.compile("(?m)^\\| (AwsSolutions|HIPAA Security|NIST 800-53 R5) \\| \\d+ \\| \\d+ \\|\\n")
                .matcher(readme);
        StringBuilder documented = new StringBuilder();
        while (table.find()) {
            documented.append(table.group());
        }
        assertThat(documented.toString()).as("the README's Compliance table of suppressions per pack (rules, resource"
                + " suppressions) in the dev app").isEqualTo(expected.toString());
        assertThat(counts.get("HIPAA Security")[0]).isPositive();
    }
}
