package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.app.lake.LakeConnection;
import io.datalake.core.LakeConfigException;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.registry.DatasetRegistration;
import io.datalake.registry.DatasetRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dataset names that collide once LakeNames turns them into tables, stacks and roles: refused by
 * {@code lake validate}, {@code deploy-dataset --env local} (against the registry, which may hold
 * names from before today's rule) and synthesis, each with one line naming both datasets.
 */
class DatasetNameCollisionTest {
    static final Path EXAMPLE = Path.of("..", "dataset-templates", "examples", "web_events.yaml");
    static final String CONFIG = TestApps.CDK_JSON.toString();
    /** Two valid names whose read roles shorten to the same hashed name in dev (found by a birthday search). */
    static final String DEV_A = "orders_archive_of_the_web_shop_eu_043091_x";
    static final String DEV_B = "orders_archive_of_the_web_shop_eu_044197_x";
    /** The same for the local environment. */
    static final String LOCAL_A = "orders_archive_of_the_web_shop_eu_144000_x";
    static final String LOCAL_B = "orders_archive_of_the_web_shop_eu_149712_x";

    @TempDir
    Path dir;

    /** A copy of the web_events example under another name. */
    static Path datasetFile(Path folder, String file, String name) throws IOException {
        Files.createDirectories(folder);
        String text = Files.readString(EXAMPLE).replace("name: web_events", "name: " + name);
        return Files.writeString(folder.resolve(file), text);
    }

    @Test
    void validateRefusesTwoFilesOfOneNameNamingBothAtTheirLines() throws IOException {
        Path a = datasetFile(dir, "a.yaml", "clicks");
        Path b = datasetFile(dir.resolve("more"), "b.yaml", "clicks");
        CliRun run = CliRun.lake("validate", a.toString(), dir.resolve("more").toString());
        assertThat(run.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(run.err).isEqualTo(b + ":4: dataset 'clicks' collides with dataset 'clicks': both are named 'clicks'"
                + " (declared at " + a + ":4); rename one of them\n1 of 2 file(s) invalid\n");
        assertThat(run.out).isEqualTo("ok " + a + " (dataset clicks, restricted)\n");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "sales_orders | sales-orders | write 'sales_orders' ('-' and '_' would name the same Glue table and stack)",
        "sales_orders | sales_orders_raw | which the lake reserves for raw Glue tables ('sales_orders_raw' is the raw table of a dataset 'sales_orders')",
        "sales_orders | Sales_Orders | (3 to 63 lowercase letters, digits or '_', starting with a letter), but 'Sales_Orders' was given",
        "sales_orders | sаles_orders | but 'sаles_orders' was given",
        "sales_orders | ｓales_orders | but 'ｓales_orders' was given",
    })
    void validateRefusesEverySpellingThatWouldCollideThroughTheNameRule(String first, String second, String said) throws IOException {
        Path a = datasetFile(dir, "a.yaml", first);
        Path b = datasetFile(dir, "b.yaml", second);
        CliRun run = CliRun.lake("validate", dir.toString());
        assertThat(run.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(run.err.lines().toList()).hasSize(2).last().isEqualTo("1 of 2 file(s) invalid");
        assertThat(run.err).startsWith(b + ":4: ");
        assertThat(run.err).contains(said).doesNotContain("Exception");
        assertThat(run.out).contains("ok " + a);
    }

    @Test
    void validateWithAnEnvironmentRefusesLongNamesWhoseRolesHashAlike() throws IOException {
        Path a = datasetFile(dir, "a.yaml", DEV_A);
        Path b = datasetFile(dir, "b.yaml", DEV_B);
        assertThat(CliRun.lake("validate", dir.toString()).exitCode).as("no environment: no role names").isZero();
        CliRun run = CliRun.lake("validate", a.toString(), b.toString(), "--env", "dev", "--config", CONFIG);
        assertThat(run.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(run.err).startsWith(b + ":4: dataset '" + DEV_B + "' collides with dataset '" + DEV_A
                + "': both map to IAM role 'acme-datalake-dev-ds-orders_archive_of_the_web_sho-e644e8fc-read' (declared at "
                + a + ":4); rename one of them\n");
    }

    @Test
    void deployDatasetLocallyRefusesANameThatCollidesWithARegisteredOneAndChangesNothing() throws IOException {
        Path lakeDir = dir.resolve("lake");
        Files.createDirectories(lakeDir);
        LakeNames names = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));
        // Names from before today's rule may be in the registry: a hyphen, or a name ending in _raw.
        try (LakeConnection lake = LakeConnection.open(names.environment(), lakeDir, r -> null, r -> null)) {
            DatasetRegistry registry = new DatasetRegistry(lake.dynamo(), names);
            for (String legacy : List.of("click-stream", "orders_raw")) {
                registry.register(new DatasetRegistration(legacy, Tier.RESTRICTED, "team", "", "local",
                        "stack-" + legacy, "{}", Instant.now()));
            }
        }
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("click_stream", "both map to Glue table 'click_stream' and stack 'click-stream'");
        refused.put("orders", "'orders_raw' is the raw Glue table of 'orders'");
        for (Map.Entry<String, String> pair : refused.entrySet()) {
            Path file = datasetFile(dir, pair.getKey() + ".yaml", pair.getKey());
            CliRun run = CliRun.lake("deploy-dataset", file.toString(), "--env", "local", "--config", CONFIG, "--dir",
                    lakeDir.toString(), "--out", dir.resolve("out").toString());
            assertThat(run.exitCode).as(run.out + run.err).isEqualTo(Lake.USER_ERROR);
            String other = pair.getKey().equals("orders") ? "orders_raw" : "click-stream";
            assertThat(run.err).isEqualTo(file + ":4: dataset '" + pair.getKey() + "' collides with dataset '" + other
                    + "': " + pair.getValue() + " (registered in local); rename the dataset\n");
            assertThat(dir.resolve("out")).as("nothing synthesized").doesNotExist();
        }
        // Two valid names whose roles hash alike in this environment: the second is refused.
        Path first = datasetFile(dir, "first.yaml", LOCAL_A);
        CliRun deployed = CliRun.lake("deploy-dataset", first.toString(), "--env", "local", "--config", CONFIG, "--dir",
                lakeDir.toString(), "--out", dir.resolve("out").toString());
        assertThat(deployed.exitCode).as(deployed.err).isZero();
        Path second = datasetFile(dir, "second.yaml", LOCAL_B);
        CliRun run = CliRun.lake("deploy-dataset", second.toString(), "--env", "local", "--config", CONFIG, "--dir",
                lakeDir.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(run.err).isEqualTo(second + ":4: dataset '" + LOCAL_B + "' collides with dataset '" + LOCAL_A
                + "': both map to IAM role 'acme-datalake-local-ds-orders_archive_of_the_web_s-3fa992a5-read' (registered"
                + " in local); rename the dataset\n");
        try (LakeConnection lake = LakeConnection.open(names.environment(), lakeDir, r -> null, r -> null)) {
            assertThat(new DatasetRegistry(lake.dynamo(), names).list()).extracting(DatasetRegistration::dataset)
                    .containsExactly("click-stream", LOCAL_A, "orders_raw");
        }
        // Redeploying the same name is no collision.
        assertThat(CliRun.lake("deploy-dataset", first.toString(), "--env", "local", "--config", CONFIG, "--dir",
                lakeDir.toString(), "--out", dir.resolve("out").toString()).exitCode).isZero();
    }

    @Test
    void synthesisRefusesADatasetsFolderWithCollidingNames() throws IOException {
        Path datasets = dir.resolve("datasets");
        Path a = datasetFile(datasets, "a.yaml", DEV_A);
        Path b = datasetFile(datasets, "b.yaml", DEV_B);
        assertThatThrownBy(() -> LakeApp.synthesize(TestApps.app(config(datasets), "dev")))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage(b + ":4: dataset '" + DEV_B + "' collides with dataset '" + DEV_A + "': both map to IAM role"
                        + " 'acme-datalake-dev-ds-orders_archive_of_the_web_sho-e644e8fc-read' (declared at " + a
                        + ":4); rename one of them");
    }

    /** The repository's cdk.json with dev's datasets folder pointing elsewhere and no pipelines. */
    @SuppressWarnings("unchecked")
    Path config(Path datasets) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> config = json.readValue(TestApps.CDK_JSON.toFile(), Map.class);
        Map<String, Object> context = (Map<String, Object>) config.get("context");
        Map<String, Object> environments = (Map<String, Object>) context.get("datalake:environments");
        Map<String, Object> dev = new LinkedHashMap<>((Map<String, Object>) environments.get("dev"));
        dev.put("datasets", datasets.toAbsolutePath().toString());
        dev.remove("pipelines");
        environments.put("dev", dev);
        context.put(CdkConfig.PROJECT_DIR_CONTEXT, TestApps.CDK_JSON.toAbsolutePath().getParent().normalize().toString());
        Path file = dir.resolve("cdk.json");
        json.writeValue(file.toFile(), config);
        return file;
    }
}
