package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datalake.app.CdkConfig;
import io.datalake.app.LakeApp;
import io.datalake.app.TestApps;
import io.datalake.app.lake.LakeConnection;
import io.datalake.core.DatasetLayout;
import io.datalake.core.LakeNames;
import io.datalake.core.Tier;
import io.datalake.core.UpdateId;
import io.datalake.core.update.UpdateManifest;
import io.datalake.core.update.UpdateSource;
import io.datalake.core.update.UpdateState;
import io.datalake.registry.UpdateRecord;
import io.datalake.registry.UpdateRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A pipeline that reads a sensitive dataset and writes an internal one: refused by
 * validate-pipelines unless it declares the downgrade with a reason, which lake info then shows.
 */
class TierDowngradeCommandTest {
    static final Path EXAMPLES = Path.of("..", "dataset-templates", "examples");
    static final LakeNames LOCAL = new LakeNames(CdkConfig.read(TestApps.CDK_JSON).environment(LakeApp.LOCAL));
    static final String REASON = "only head counts per department, no person-level data";

    @TempDir
    Path dir;

    /** The repository's cdk.json with the local environment's pipelines in this test's folder. */
    @SuppressWarnings("unchecked")
    Path config() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> config = json.readValue(TestApps.CDK_JSON.toFile(), Map.class);
        Map<String, Object> context = (Map<String, Object>) config.get("context");
        Map<String, Object> environments = (Map<String, Object>) context.get("datalake:environments");
        Map<String, Object> local = new LinkedHashMap<>((Map<String, Object>) environments.get("local"));
        local.put("pipelines", dir.resolve("pipelines").toString());
        local.put("datasets", EXAMPLES.toAbsolutePath().normalize().toString());
        environments.put("local", local);
        context.put(CdkConfig.PROJECT_DIR_CONTEXT, TestApps.CDK_JSON.toAbsolutePath().getParent().normalize().toString());
        Path file = dir.resolve("cdk.json");
        json.writeValue(file.toFile(), config);
        return file;
    }

    Path pipeline(String output) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pipelines/hr_report"));
        Files.writeString(folder.resolve("select.sql"), "SELECT department, count(*) AS people FROM staff GROUP BY 1");
        return Files.writeString(folder.resolve("pipeline_config.yaml"), "inputs:\n  staff: lake://hr_employees:latest\n"
                + "output:\n" + output + "steps:\n  - sql: select.sql\n");
    }

    @Test
    void validatePipelinesRefusesAnUndeclaredDowngradeAndInfoShowsADeclaredOne() throws IOException {
        String config = config().toString();
        Path file = pipeline("  dataset: daily_sales\n");
        CliRun refused = CliRun.lake("validate-pipelines", "--env", "local", "--config", config);
        assertThat(refused.exitCode).isEqualTo(Lake.USER_ERROR);
        assertThat(refused.err).isEqualTo(file + ":4: output.dataset 'daily_sales' is internal, but the pipeline reads"
                + " sensitive dataset 'hr_employees' (inputs.staff): its runs would move that data down to the internal tier;"
                + " write to a dataset of that tier, or declare the downgrade with output.downgrade: {reason: ...} saying"
                + " why it is safe\n");

        pipeline("  dataset: daily_sales\n  downgrade:\n    reason: " + REASON + "\n");
        CliRun validated = CliRun.lake("validate-pipelines", "--env", "local", "--config", config);
        assertThat(validated.exitCode).as(validated.err).isZero();

        Path lake = Files.createDirectories(dir.resolve("lake"));
        CliRun deployed = CliRun.lake("deploy-dataset", EXAMPLES.resolve("daily_sales.yaml").toString(), "--env", "local",
                "--config", config, "--dir", lake.toString(), "--out", dir.resolve("out").toString());
        assertThat(deployed.exitCode).as(deployed.err).isZero();
        commitAnUpdateOfDailySales(lake);
        CliRun info = CliRun.lake("info", "daily_sales", "--env", "local", "--config", config, "--dir", lake.toString());
        assertThat(info.exitCode).as(info.err).isZero();
        assertThat(info.out).contains("  tier downgrade declared by pipeline hr_report: " + REASON + " ("
                + dir.resolve("pipelines/hr_report/pipeline_config.yaml") + ")\n");
    }

    /** What a run commits: the manifest, then the registry's record. */
    static void commitAnUpdateOfDailySales(Path lake) {
        UpdateId update = UpdateId.create(Instant.now(), new Random(1));
        Instant now = Instant.now();
        UpdateManifest manifest = UpdateManifest.builder().dataset("daily_sales").update(update).state(UpdateState.COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.PIPELINE, "hr_report", update.toString(), null))
                .createdAt(now).completedAt(now).rowCount(0).build();
        String key = DatasetLayout.manifestKey("daily_sales", update);
        try (LakeConnection connection = LakeConnection.open(LOCAL.environment(), lake, r -> null, r -> null)) {
            connection.s3().putObject(r -> r.bucket(LOCAL.dataBucket(Tier.INTERNAL)).key(key),
                    RequestBody.fromString(manifest.toJson()));
            new UpdateRegistry(connection.dynamo(), LOCAL).create(new UpdateRecord("daily_sales", update,
                    UpdateState.COMPLETE, null, key, 0, 0L, now, now, null));
        }
    }
}
