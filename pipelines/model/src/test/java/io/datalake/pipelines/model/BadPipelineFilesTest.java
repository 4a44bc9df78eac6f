package io.datalake.pipelines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datalake.core.dataset.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder of the bad-pipelines corpus gives exactly these problem lines, every one with its file
 * and line: what a data engineer sees from {@code lake validate-pipelines}.
 */
class BadPipelineFilesTest {
    static final Path BAD = Path.of("src", "test", "resources", "bad-pipelines");
    private static final String COLUMN_RULE = "must match [a-z_][a-z0-9_]* (lowercase letters, digits and '_', not"
            + " starting with a digit, at most 255 characters), but ";

    static Stream<Arguments> corpus() {
        return Stream.of(
                bad("unknown-field",
                        "pipeline_config.yaml:2: unknown field 'inptus'; did you mean 'inputs'?",
                        "pipeline_config.yaml:6: unknown field 'output.mdoe'; did you mean 'output.mode'?",
                        "pipeline_config.yaml:9: unknown field 'colour'; known fields are name, description, inputs,"
                                + " output, steps, sparkJob, engine, schedule, timeoutMinutes, retries"),
                bad("bad-inputs",
                        "pipeline_config.yaml:2: inputs.orders: a dataset address must look like"
                                + " lake://<dataset>[:latest|:YYYY-MM-DD|:<index>], but"
                                + " 's3://acme-datalake-dev-internal/sales_orders/' was given",
                        "pipeline_config.yaml:3: inputs.Customers " + COLUMN_RULE + "'Customers' was given",
                        "pipeline_config.yaml:4: inputs.yesterday: the tag of lake://sales_orders:yesterday must be"
                                + " latest, a date YYYY-MM-DD or an index such as 0 or -1, but 'yesterday' was given",
                        "pipeline_config.yaml:5: inputs.count must be text, but the number 3 was given; put it in"
                                + " quotes to make it text: '3'"),
                bad("bad-steps",
                        "pipeline_config.yaml:7: steps[0] must have exactly one of sql, deduplicate, sort, join,"
                                + " lookup, mask, aggregate, but it has sql and join",
                        "pipeline_config.yaml:10: steps[1].deduplicate.from must name the view to read: with several"
                                + " inputs, there is no single previous view to default to",
                        "pipeline_config.yaml:14: steps[2].name " + COLUMN_RULE + "'Totals' was given",
                        "pipeline_config.yaml:19: steps[3].join needs either on (a condition) or using (shared"
                                + " columns), but has neither",
                        "pipeline_config.yaml:24: steps[4].mask.columns lists a column twice: email, email",
                        "pipeline_config.yaml:26: steps[5] must be a step: a mapping with one of sql, deduplicate,"
                                + " sort, join, lookup, mask, aggregate and optionally a name, but 'lookup' was given",
                        "pipeline_config.yaml:30: steps[6].aggregate.metrics.revenue must be one of count,"
                                + " count_distinct, sum, avg, min, max, but 'total' was given",
                        "pipeline_config.yaml:31: steps[7].aggregate.metrics.rows 'sum(*)' needs a column: only count"
                                + " may count rows with *",
                        "pipeline_config.yaml:38: steps[8].deduplicate.keep must be one of first, last, latest, but"
                                + " 'newest' was given",
                        "pipeline_config.yaml:40: steps[9].sort.orderBy[1] must be a column name, optionally followed"
                                + " by asc or desc (e.g. 'amount_eur desc'), but 'amount_eur up' was given",
                        "pipeline_config.yaml:48: steps[10].lookup.joinType must be one of left, inner, but 'outer'"
                                + " was given",
                        "pipeline_config.yaml:52: steps[11].mask.strategy must be one of hash, redact, tokenize, but"
                                + " 'encrypt' was given"),
                bad("unknown-view",
                        "pipeline_config.yaml:9: steps[1].aggregate.from 'valid_line' is not an input or an earlier"
                                + " step's view; it may read orders, valid_lines",
                        "pipeline_config.yaml:13: steps[2] defines view 'valid_lines', which an earlier step defines"
                                + " already; name each step differently",
                        "pipeline_config.yaml:16: steps[3] defines view 'orders', which is already an input's alias;"
                                + " name the step differently"),
                bad("sql-files",
                        "pipeline_config.yaml:6: steps[0].sql 'missing.sql' is not a file of the pipeline's folder",
                        "pipeline_config.yaml:9: steps[3].sql must be a file name ending in .sql, relative to the"
                                + " pipeline's folder and inside it, but '../outside.sql' was given",
                        "two.sql:4: a second SQL statement starts here; a step's file holds exactly one SELECT (make"
                                + " another step for the next)",
                        "empty.sql:1: the SQL file is empty; it must hold one SELECT"),
                bad("engine-and-limits",
                        "pipeline_config.yaml:9: engine.workers must be a whole number of workers from 2 to 299, but"
                                + " the number 1 was given",
                        "pipeline_config.yaml:10: engine.workerType must be one of G.1X, G.2X, G.4X, G.8X, but 'G.3X'"
                                + " was given",
                        "pipeline_config.yaml:11: engine.maxVcpu applies only to emr-serverless, but engine.type is"
                                + " glue; remove it",
                        "pipeline_config.yaml:12: schedule must be cron(min hour day-of-month month day-of-week year)"
                                + " or rate(n minutes|hours|days) as EventBridge Scheduler takes them (UTC), e.g."
                                + " cron(0 3 * * ? *), or a five-field cron with * or weekday names (MON-FRI) in"
                                + " day-of-week, but 'every day at 3' was given",
                        "pipeline_config.yaml:13: timeoutMinutes must be a whole number of minutes from 1 to 2880,"
                                + " but the number 3000 was given",
                        "pipeline_config.yaml:14: retries must be a whole number from 0 to 10, but 'two' was given"),
                bad("live-self",
                        "pipeline_config.yaml:2: inputs.sales reads lake://daily_sales live, which is the pipeline's"
                                + " own output: every run would start the next; give it a tag such as :latest",
                        "pipeline_config.yaml:6: a pipeline has steps or a sparkJob, not both; move the job to its"
                                + " own folder"),
                bad("neither-steps-nor-job",
                        "pipeline_config.yaml:6: sparkJob.class must be a fully qualified Java class name such as"
                                + " com.acme.lake.ChurnScores, but 'not a class' was given",
                        "pipeline_config.yaml:7: sparkJob.jar must be a file name ending in .jar, relative to the"
                                + " pipeline's folder and inside it, but '/abs/job.jar' was given"),
                bad("empty",
                        "pipeline_config.yaml:1: the file is empty; a pipeline config needs at least inputs, output"
                                + " and steps"),
                bad("not-yaml",
                        "pipeline_config.yaml:3: not valid YAML: mapping values are not allowed here"),
                bad("duplicate-keys",
                        "pipeline_config.yaml:5: duplicate field 'output': it is already given on line 3; give each"
                                + " field once"),
                bad("wrong-name",
                        "pipeline_config.yaml:1: name 'daily_sales' must be the name of the pipeline's folder,"
                                + " 'wrong-name' (or be left out)",
                        "pipeline_config.yaml:5: output.dataset must be 3 to 63 lowercase letters, digits or '_',"
                                + " starting with a letter, but 'Daily Sales' was given",
                        "pipeline_config.yaml:6: output.mode must be one of new-update, but 'append' was given"));
    }

    private static Arguments bad(String folder, String... expected) {
        return Arguments.of(folder, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsEveryProblemWithFileAndLine(String folder, List<String> expected) {
        Path dir = BAD.resolve(folder);
        PipelineValidationException e = catchThrowableOfType(PipelineValidationException.class, () -> PipelineFiles.load(dir));
        assertThat(e).as("problems of " + folder).isNotNull();
        String prefix = dir + java.io.File.separator;
        assertThat(e.problems()).extracting(Problem::toString)
                .allSatisfy(line -> assertThat(line).startsWith(prefix))
                .extracting(line -> line.substring(prefix.length()))
                .containsExactlyElementsOf(expected);
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void everyCorpusFolderIsTested() throws Exception {
        try (Stream<Path> dirs = Files.list(BAD)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).sorted())
                    .containsExactlyInAnyOrderElementsOf(corpus().map(a -> (String) a.get()[0]).collect(Collectors.toList()));
        }
    }

    @Test
    void aFolderWithoutAConfigSaysSo(@TempDir Path dir) {
        PipelineValidationException e = catchThrowableOfType(PipelineValidationException.class, () -> PipelineFiles.load(dir));
        assertThat(e.getMessage()).isEqualTo(dir.resolve(PipelineFiles.CONFIG) + ": the folder has no " + PipelineFiles.CONFIG);
    }

    @Test
    void aSqlFileThatIsNotUtf8IsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("latin1"));
        Files.writeString(folder.resolve(PipelineFiles.CONFIG), "inputs:\n  orders: lake://sales_orders\noutput:\n"
                + "  dataset: daily_sales\nsteps:\n  - sql: select.sql\n");
        Files.write(folder.resolve("select.sql"), new byte[] {'S', 'E', 'L', '\n', 'c', 'a', 'f', (byte) 0xe9});
        PipelineValidationException e = catchThrowableOfType(PipelineValidationException.class, () -> PipelineFiles.load(folder));
        assertThat(e.getMessage()).isEqualTo(folder.resolve("select.sql") + ":2: the file is not UTF-8 text: byte 0xe9"
                + " cannot start or continue a character; save it as UTF-8");
    }
}
