package io.datalake.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.dataset.DatasetFiles;
import io.datalake.core.dataset.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineProjectTest {
    static final Path EXAMPLES = Path.of("..", "..", "dataset-templates", "examples");

    @TempDir
    Path dir;

    static List<DatasetSpec> exampleDatasets() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(DatasetFiles::load).toList();
        }
    }

    @Test
    void theRepositorysPipelinesLoadAndWriteDatasetsOfTheDevEnvironment() throws IOException {
        PipelineProject project = PipelineProject.load(PipelineFilesTest.PIPELINES);
        // The runner's Maven modules live in the same folder and are not pipelines.
        assertThat(project.pipelines()).extracting(PipelineConfig::name).contains("daily_sales")
                .doesNotContain("model", "runner");
        assertThatCode(() -> project.checkDatasets(exampleDatasets())).doesNotThrowAnyException();
    }

    @Test
    void namesUnknownDatasetsWithTheClosestKnownOne() throws IOException {
        pipeline("sales_report", "orders: lake://sales_order", "daily_report");
        PipelineProject project = PipelineProject.load(dir);
        assertThatThrownBy(() -> project.checkDatasets(exampleDatasets()))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage(dir.resolve("sales_report/pipeline_config.yaml") + ":2: inputs.orders reads dataset"
                        + " 'sales_order', which is not a dataset of the environment; did you mean 'sales_orders'?\n"
                        + dir.resolve("sales_report/pipeline_config.yaml") + ":4: output.dataset 'daily_report' is not a"
                        + " dataset of the environment (it has daily_sales, hr_employees, sales_orders, web_events);"
                        + " add its dataset file first");
    }

    @Test
    void jobsMustNamePipelinesOfTheProject() throws IOException {
        pipeline("daily_sales", "orders: lake://sales_orders", "daily_sales");
        Files.createDirectories(dir.resolve("nightly"));
        Files.writeString(dir.resolve("nightly/job.yaml"), "pipelines:\n  - pipeline: daily_sales\n"
                + "  - pipeline: daily_sale\n    dependsOn: daily_sales\n");
        assertThatThrownBy(() -> PipelineProject.load(dir))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage(dir.resolve("nightly/job.yaml") + ":3: pipelines[1].pipeline 'daily_sale' is not a pipeline"
                        + " folder of " + dir + "; did you mean 'daily_sales'?");
    }

    @Test
    void refusesLiveInputsThatWouldStartEachOtherForever() throws IOException {
        pipeline("forward", "a: lake://dataset_a", "dataset_b");
        pipeline("backward", "b: lake://dataset_b", "dataset_a");
        pipeline("tagged", "b: lake://dataset_b:latest", "dataset_c");
        assertThatThrownBy(() -> PipelineProject.load(dir))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage(dir.resolve("backward/pipeline_config.yaml") + ":1: live inputs start these pipelines in a"
                        + " loop: backward <- forward <- backward (each runs when the next writes its input), so they"
                        + " would run forever; give one of the inputs a tag such as :latest");
    }

    @Test
    void reportsTheProblemsOfEveryFolderAtOnce() throws IOException {
        pipeline("good_one", "orders: lake://sales_orders", "daily_sales");
        Files.createDirectories(dir.resolve("bad_one"));
        Files.writeString(dir.resolve("bad_one/pipeline_config.yaml"), "inputs: {}\n");
        Files.createDirectories(dir.resolve("both"));
        Files.writeString(dir.resolve("both/pipeline_config.yaml"), "inputs: {}\n");
        Files.writeString(dir.resolve("both/job.yaml"), "pipelines: []\n");
        assertThatThrownBy(() -> PipelineProject.load(dir))
                .hasMessageContaining(dir.resolve("bad_one/pipeline_config.yaml") + ":1: inputs must name at least one dataset")
                .hasMessageContaining(dir.resolve("both") + ": the folder has both pipeline_config.yaml and job.yaml");
    }

    @Test
    void findsAPipelineByNameOrSaysWhichThereAre() throws IOException {
        pipeline("daily_sales", "orders: lake://sales_orders", "daily_sales");
        PipelineProject project = PipelineProject.load(dir);
        assertThat(project.require("daily_sales").name()).isEqualTo("daily_sales");
        assertThatThrownBy(() -> project.require("daily_sale"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("no pipeline 'daily_sale' in " + dir + "; did you mean 'daily_sales'? (pipelines: daily_sales)");
        assertThatThrownBy(() -> PipelineProject.load(dir.resolve("missing")))
                .hasMessage("pipelines folder " + dir.resolve("missing") + " does not exist");
    }

    @Test
    void refusesATierDowngradeThatIsNotDeclaredNamingTheInputAndLine() throws IOException {
        pipeline("hr_report", "staff: lake://hr_employees", "daily_sales");
        PipelineProject project = PipelineProject.load(dir);
        assertThatThrownBy(() -> project.checkDatasets(exampleDatasets()))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessage(dir.resolve("hr_report/pipeline_config.yaml") + ":4: output.dataset 'daily_sales' is internal,"
                        + " but the pipeline reads sensitive dataset 'hr_employees' (inputs.staff): its runs would move that"
                        + " data down to the internal tier; write to a dataset of that tier, or declare the downgrade with"
                        + " output.downgrade: {reason: ...} saying why it is safe");
    }

    @Test
    void aDeclaredDowngradeWithAReasonIsAcceptedAndKept() throws IOException {
        pipeline("hr_report", "staff: lake://hr_employees\n  events: lake://web_events:latest",
                "daily_sales\n  downgrade:\n    reason: only head counts per department, no person-level data");
        PipelineProject project = PipelineProject.load(dir);
        assertThatCode(() -> project.checkDatasets(exampleDatasets())).doesNotThrowAnyException();
        assertThat(project.require("hr_report").output().downgrade())
                .contains("only head counts per department, no person-level data");
    }

    @Test
    void writingToAHigherTierNeedsNoDeclarationButADeclarationThatMovesNothingDownIsRefused() throws IOException {
        pipeline("upgrade", "orders: lake://sales_orders", "hr_employees");
        assertThatCode(() -> PipelineProject.load(dir).checkDatasets(exampleDatasets())).doesNotThrowAnyException();
        pipeline("same_tier", "orders: lake://sales_orders", "daily_sales\n  downgrade: {reason: aggregated}");
        PipelineProject project = PipelineProject.load(dir);
        assertThatThrownBy(() -> project.checkDatasets(exampleDatasets()))
                .hasMessage(dir.resolve("same_tier/pipeline_config.yaml") + ":5: output.downgrade is declared, but no"
                        + " input is of a higher tier than output.dataset 'daily_sales' (internal); remove the declaration");
    }

    @Test
    void aDowngradeNeedsAReasonAndOutputsNeedDatasetNames() throws IOException {
        pipeline("no_reason", "staff: lake://hr_employees", "daily_sales\n  downgrade: {reason: \"  \"}");
        pipeline("not_mapping", "staff: lake://hr_employees", "daily_sales\n  downgrade: yes please");
        pipeline("misspelt", "staff: lake://hr_employees", "daily_sales\n  downgrade: {reson: aggregated}");
        pipeline("hyphen", "orders: lake://sales_orders", "daily-sales");
        pipeline("raw_table", "orders: lake://sales_orders", "daily_sales_raw");
        assertThatThrownBy(() -> PipelineProject.load(dir))
                .isInstanceOf(PipelineValidationException.class)
                .hasMessageContaining(dir.resolve("no_reason/pipeline_config.yaml") + ":5: output.downgrade.reason must"
                        + " say why in 1 to 500 characters, but 0 were given")
                .hasMessageContaining(dir.resolve("not_mapping/pipeline_config.yaml") + ":5: output.downgrade must be a"
                        + " mapping with the reason for the tier downgrade")
                .hasMessageContaining(dir.resolve("misspelt/pipeline_config.yaml") + ":5: unknown field"
                        + " 'output.downgrade.reson'; did you mean 'output.downgrade.reason'?")
                .hasMessageContaining(dir.resolve("hyphen/pipeline_config.yaml") + ":4: output.dataset must be 3 to 63"
                        + " lowercase letters, digits or '_', starting with a letter, but 'daily-sales' was given")
                .hasMessageContaining(dir.resolve("raw_table/pipeline_config.yaml") + ":4: output.dataset: dataset name"
                        + " 'daily_sales_raw' ends in '_raw'");
    }

    private void pipeline(String name, String input, String output) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve(PipelineFiles.CONFIG), "inputs:\n  " + input + "\noutput:\n  dataset: " + output
                + "\nsteps:\n  - sql: select.sql\n");
        Files.writeString(folder.resolve("select.sql"), "SELECT * FROM " + input.substring(0, input.indexOf(':')));
    }
}
