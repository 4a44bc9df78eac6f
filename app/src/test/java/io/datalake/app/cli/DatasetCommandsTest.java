package io.datalake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datalake.app.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetCommandsTest {
    static final Path TEMPLATES = Path.of("..", "dataset-templates");
    static final Path BAD = Path.of("..", "core", "src", "test", "resources", "bad-datasets");
    static final String CONFIG = TestApps.CDK_JSON.toString();

    static Stream<Path> badFiles() throws IOException {
        return Files.list(BAD).filter(f -> f.toString().endsWith(".yaml")).sorted();
    }

    @Test
    void validateAcceptsEveryTemplateAndExample() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(TEMPLATES)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
        }
        CliRun run = CliRun.lake(Stream.concat(Stream.of("validate"), files.stream()).toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).contains("ok " + TEMPLATES.resolve("examples/sales_orders.yaml") + " (dataset sales_orders, internal)")
                .contains(files.size() + " file(s) valid");
    }

    @Test
    void validateReportsEveryProblemAndExitsTwo() {
        CliRun run = CliRun.lake("validate", BAD.resolve("unknown-tier.yaml").toString(),
                TEMPLATES.resolve("examples/web_events.yaml").toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains(BAD.resolve("unknown-tier.yaml")
                + ":4: tier must be one of internal, restricted, sensitive, but 'public' was given")
                .contains("1 of 2 file(s) invalid").doesNotContain("Exception");
        assertThat(run.out).contains("ok " + TEMPLATES.resolve("examples/web_events.yaml"));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void everyBadFileIsRefusedBeforeAnythingIsSynthesized(Path file, @TempDir Path out) throws IOException {
        CliRun run = CliRun.lake("deploy-dataset", file.toString(), "--env", "dev", "--dry-run", "--offline",
                "--config", CONFIG, "--out", out.toString());
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(2);
        assertThat(run.err.lines()).allSatisfy(line -> assertThat(line).startsWith(file.toString() + ":"));
        assertThat(run.err).doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> written = Files.list(out)) {
            assertThat(written).as("nothing synthesized").isEmpty();
        }
    }

    @Test
    void offlineDryRunPrintsRolesTablesAndTemplate(@TempDir Path out) {
        CliRun run = CliRun.lake("deploy-dataset", TEMPLATES.resolve("examples/hr_employees.yaml").toString(),
                "--env", "dev", "--dry-run", "--offline", "--config", CONFIG, "--out", out.toString());
        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out)
                .contains("dataset hr_employees (sensitive) -> stack acme-datalake-dev-dataset-hr-employees in dev")
                .contains("role acme-datalake-dev-ds-hr_employees-read\n  assumed by: arn:aws:iam::<account>:role/workforce-planning-readers")
                .contains("on arn:aws:s3:::acme-datalake-dev-sensitive-eu-west-1/hr_employees/*")
                .contains("table acme_datalake_dev_sensitive.hr_employees\n  location: s3://acme-datalake-dev-sensitive-eu-west-1/hr_employees/data/")
                .contains("workgroup acme-datalake-dev-ds-hr_employees")
                .contains("\"AWS::IAM::Role\"")
                .contains("dry run (offline): nothing was deployed")
                .doesNotContain("internal-reader");
        assertThat(out.resolve("Dataset-hr_employees.template.json")).exists();
    }

    @Test
    void offlineNeedsDryRun() {
        CliRun run = CliRun.lake("deploy-dataset", TEMPLATES.resolve("internal.yaml").toString(), "--env", "dev",
                "--offline", "--config", CONFIG);
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--offline needs --dry-run");
    }

    @Test
    void unknownEnvironmentIsOneLine(@TempDir Path out) {
        CliRun run = CliRun.lake("deploy-dataset", TEMPLATES.resolve("internal.yaml").toString(), "--env", "qa",
                "--dry-run", "--offline", "--config", CONFIG, "--out", out.toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).isEqualTo("lake: unknown environment 'qa': known environments are dev, local, prod, uat\n");
    }
}
