package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.TestApps;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LakeCliTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int lake(String... args) {
        CommandLine cli = Lake.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsVersionAndHelp() {
        assertThat(lake("--version")).isZero();
        assertThat(out.toString()).matches("lake \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\s*");
        assertThat(lake("--help")).isZero();
        assertThat(out.toString()).contains("Usage: lake").contains("synth");
    }

    @Test
    void synthWritesTheEnvironmentTemplate(@TempDir Path dir) throws IOException {
        int code = lake("synth", "--env", "dev", "--config", TestApps.CDK_JSON.toString(), "--out", dir.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("synthesized acme-datalake-dev");
        String template = Files.readString(dir.resolve("Environment.template.json"));
        for (String tier : new String[] {"internal", "restricted", "sensitive"}) {
            assertThat(template).contains("\"acme-datalake-dev-" + tier + "-eu-west-1\"")
                    .contains("\"acme-datalake-drop-dev-" + tier + "-eu-west-1\"");
        }
    }

    @Test
    void unknownEnvironmentIsOneLineAndExitCodeTwo() {
        assertThat(lake("synth", "--env", "qa", "--config", TestApps.CDK_JSON.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("lake: unknown environment 'qa': known environments are dev, local, prod, uat"
                + System.lineSeparator());
    }

    @Test
    void badOrgInTheConfigNamesTheField(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("cdk.json");
        Files.writeString(config, "{\"context\": {\"datalake:environments\": {\"dev\": "
                + "{\"org\": \"ACME Corp\", \"region\": \"eu-west-1\"}}}}");
        assertThat(lake("synth", "--env", "dev", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("lake: datalake:environments.dev.org must be").contains("'ACME Corp'")
                .doesNotContain("Exception").hasLineCount(1);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "\"backup\": {\"retentionDays\": 0}|settings.backup.retentionDays must be between 1 and 36500, but 0 was given",
        "\"replication\": {\"lockMode\": \"soft\"}|settings.replication.lockMode must be GOVERNANCE or COMPLIANCE, but 'SOFT' was given",
        "\"replication\": {\"account\": \"222233334444\"}|account must be set when settings.replication.account is",
        "\"apiReservedConcurrency\": 5000|settings.apiReservedConcurrency must be between 1 and 1000, but 5000 was given",
    })
    void aBadComplianceSettingIsOneLineAndExitCodeTwo(String setting, String message, @TempDir Path dir) throws IOException {
        Path config = dir.resolve("cdk.json");
        Files.writeString(config, "{\"context\": {\"datalake:environments\": {\"dev\": "
                + "{\"org\": \"acme\", \"region\": \"eu-west-1\", \"settings\": {" + setting + "}}}}}");
        assertThat(lake("synth", "--env", "dev", "--config", config.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("lake: datalake:environments.dev." + message)
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void missingOrBrokenConfigIsOneLine(@TempDir Path dir) throws IOException {
        assertThat(lake("synth", "--env", "dev", "--config", dir.resolve("none.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("none.json: not found").hasLineCount(1);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\n  \"context\": {\n    oops\n}");
        err.getBuffer().setLength(0);
        assertThat(lake("synth", "--env", "dev", "--config", broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("broken.json:3: not valid JSON").hasLineCount(1);
    }

    @Test
    void missingEnvOptionIsAUsageError() {
        assertThat(lake("synth")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--env=NAME'");
    }
}
