package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Each file of the bad-datasets corpus gives exactly these problem lines, every one with its line
 * number: what a data owner sees from the CLI.
 */
class BadDatasetFilesTest {
    private static final Path BAD = Path.of("src", "test", "resources", "bad-datasets");
    private static final String PRINCIPAL = "must be a role ARN (arn:aws:iam::<12 digits>:role/<path/name>)"
            + " or a role name (1 to 64 letters, digits or +=,.@_-), but ";
    private static final String TYPES = "must be one of string, int, bigint, double, float, boolean, date, timestamp,"
            + " or decimal(p,s) with precision p from 1 to 38 and scale s from 0 to p, but ";
    private static final String EMPTY = ":1: the file is empty; a dataset file needs at least name, tier, owner,"
            + " description and format";

    static Stream<Arguments> corpus() {
        return Stream.of(
                bad("unknown-tier.yaml",
                        ":4: tier must be one of internal, restricted, sensitive, but 'public' was given"),
                bad("wrong-types.yaml",
                        ":3: owner must be text, but a list was given",
                        ":7: format must be a mapping with type and, for csv, delimiter and header, but 'csv' was given",
                        ":8: schema must be a list of columns, each with a name and a type, but a mapping was given",
                        ":11: updateMode must be one of snapshot, delta, but '1' was given",
                        ":12: rawRetentionDays must be a whole number of days from 1 to 3650, but 'ninety' was given",
                        ":14: tags.cost-center must be text, but the number 4711 was given; put it in quotes to make"
                                + " it text: '4711'"),
                bad("wrong-types-nested.yaml",
                        ":7: format.header must be true or false, but 'maybe' was given",
                        ":8: format.delimiter must be a single character (a tab is fine; not '\"', a line break or"
                                + " another control character), but ',,' was given",
                        ":11: schema[0].type must be text, but a list was given",
                        ":12: schema[0].nullable must be true or false, but 'no' was given",
                        ":13: schema[1] must be a column: a mapping with name, type and optionally description and"
                                + " nullable, but 'order_date' was given"),
                bad("bad-name.yaml",
                        ":1: dataset name must match [a-z][a-z0-9_]{2,62} (3 to 63 lowercase letters, digits or '_',"
                                + " starting with a letter), but 'Sales Orders' was given"),
                bad("unknown-field.yaml",
                        ":2: unknown field 'teir'; did you mean 'tier'?",
                        ":7: unknown field 'format.delimeter'; did you mean 'format.delimiter'?",
                        ":8: unknown field 'colour'; known fields are name, tier, owner, description, format, schema,"
                                + " partitioning, updateMode, access, rawRetentionDays, tags"),
                bad("duplicate-columns.yaml",
                        ":12: schema[2].name 'order_id' is already the name of schema[0]; column names must be unique"),
                bad("empty.yaml", EMPTY),
                bad("comments-only.yaml", EMPTY),
                bad("not-yaml.yaml",
                        ":3: not valid YAML: mapping values are not allowed here"),
                bad("missing-required.yaml",
                        ":2: missing required field 'owner' (an e-mail address or team id)",
                        ":2: missing required field 'description' (what the dataset holds)",
                        ":2: missing required field 'format' (how files are delivered, e.g. type: csv)",
                        ":5: missing required field 'schema[0].type' (string, int, bigint, double, float, boolean,"
                                + " date, timestamp, or decimal(p,s) with precision p from 1 to 38 and scale s from 0 to p)"),
                bad("bad-principal.yaml",
                        ":10: access.read[1] " + PRINCIPAL + "'arn:aws:iam::123456789012:user/alice' was given",
                        ":11: access.read[2] " + PRINCIPAL + "'sales analysts' was given",
                        ":13: access.write[0] " + PRINCIPAL + "'arn:aws:iam::12345678901:role/producer' was given",
                        ":16: access.admin[1] 'sales-data-owners' is already listed as access.admin[0]; list each"
                                + " principal once"),
                bad("bad-decimal.yaml",
                        ":9: schema[0].type decimal(40,2) must have a precision from 1 to 38, but 40 was given",
                        ":11: schema[1].type decimal(10,12) must have a scale from 0 to its precision 10, but 12 was"
                                + " given",
                        ":13: schema[2].type " + TYPES + "'decimal' was given"),
                bad("partition-not-in-schema.yaml",
                        ":13: partitioning[0] 'order_dat' is not a column of the schema; did you mean 'order_date'?",
                        ":14: partitioning[1] 'region' is not a column of the schema; the schema has order_date, amount"),
                bad("partitioning-without-schema.yaml",
                        ":7: partitioning needs a schema that declares its columns, but the file has no schema"),
                bad("not-a-mapping.yaml",
                        ":2: a dataset file must be a mapping of fields such as 'name: sales', but a list was given"),
                bad("duplicate-keys.yaml",
                        ":5: duplicate field 'tier': it is already given on line 2; give each field once",
                        ":8: duplicate field 'format.type': it is already given on line 7; give each field once"),
                bad("csv-options-on-json.yaml",
                        ":7: format.delimiter applies only to csv files, but format.type is json; remove it",
                        ":8: format.header applies only to csv files, but format.type is json; remove it"),
                bad("bad-tags.yaml",
                        ":8: tags key must not start with 'aws:', which AWS reserves for its own tags, but 'aws:team'"
                                + " was given",
                        ":9: tags key must be 1 to 128 letters, digits, spaces or _.:/=+-@, but 'cost#center' was given",
                        ":10: tags.owner must be 0 to 256 letters, digits, spaces or _.:/=+-@, but 'alice & bob' was"
                                + " given"),
                bad("two-documents.yaml",
                        ":8: tags.note uses the alias '*text'; anchors and aliases are not supported in dataset files",
                        ":10: the file holds a second YAML document from line 10; a dataset file holds exactly one"
                                + " (remove the '---' between them)"),
                bad("many-problems.yaml",
                        ":3: tier must be one of internal, restricted, sensitive, but 'confidential' was given",
                        ":7: format.type must be one of csv, json, parquet, but 'xml' was given",
                        ":11: schema[1].name 'order_id' is already the name of schema[0]; column names must be unique",
                        ":12: schema[1].type " + TYPES + "'integer' was given",
                        ":15: access.read[0] " + PRINCIPAL + "'everyone in sales' was given",
                        ":16: rawRetentionDays must be from 1 to 3650 days, but 5000 was given"));
    }

    private static Arguments bad(String file, String... problems) {
        return Arguments.of(file, List.of(problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsEveryProblemOfTheFileOnItsLine(String file, List<String> expected) {
        Path path = BAD.resolve(file);
        List<String> lines = expected.stream().map(e -> path + e).collect(Collectors.toList());
        assertThatThrownBy(() -> DatasetFiles.load(path))
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::toString).containsExactlyElementsOf(lines);
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", lines));
                });
    }

    @Test
    void theCorpusIsCoveredFileByFile() throws IOException {
        try (Stream<Path> files = Files.list(BAD)) {
            List<String> inFolder = files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
            List<String> tested = corpus().map(a -> (String) a.get()[0]).sorted().collect(Collectors.toList());
            assertThat(inFolder).containsExactlyElementsOf(tested);
        }
    }

    @Test
    void aProblemKnowsItsFileLineAndField() {
        Path path = BAD.resolve("unknown-tier.yaml");
        assertThatThrownBy(() -> DatasetFiles.load(path))
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> {
                    Problem problem = e.problems().get(0);
                    assertThat(problem.file()).isEqualTo(path.toString());
                    assertThat(problem.line()).isEqualTo(4);
                    assertThat(problem.field()).isEqualTo("tier");
                    assertThat(problem.message()).startsWith("tier must be one of");
                });
    }

    @Test
    void refusesAFileOverOneMibBeforeParsingIt(@TempDir Path dir) throws IOException {
        // Not YAML at all: a parse would report a syntax error, so the size problem alone shows it was not parsed.
        Path huge = dir.resolve("huge.yaml");
        Files.write(huge, "[: ".repeat((int) (DatasetFiles.MAX_BYTES / 3) + 1).getBytes(StandardCharsets.UTF_8));
        assertThat(Files.size(huge)).isEqualTo(1_048_578L);
        assertThatThrownBy(() -> DatasetFiles.load(huge))
                .isInstanceOf(DatasetValidationException.class)
                .hasMessage(huge + ":1: the file is 1.0 MiB (1048578 bytes), but a dataset file may be at most 1 MiB"
                        + " (1048576 bytes)");
    }

    @Test
    void readsAFileOfExactlyOneMib(@TempDir Path dir) throws IOException {
        String spec = "name: sales\ntier: internal\nowner: team-sales\ndescription: Order lines.\nformat: {type: csv}\n";
        String text = spec + "#" + "x".repeat((int) DatasetFiles.MAX_BYTES - spec.length() - 2) + "\n";
        Path file = dir.resolve("padded.yaml");
        Files.writeString(file, text);
        assertThat(Files.size(file)).isEqualTo(DatasetFiles.MAX_BYTES);
        assertThat(DatasetFiles.load(file).name()).isEqualTo("sales");
    }

    @Test
    void failsForAMissingFileOrADirectory(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> DatasetFiles.load(missing))
                .isInstanceOf(DatasetValidationException.class)
                .hasMessage(missing + ": the file does not exist");
        assertThatThrownBy(() -> DatasetFiles.load(dir))
                .hasMessage(dir + ": the path is a directory, not a dataset file");
    }

    @Test
    void failsForTextThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "name: sales\ndescription: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DatasetFiles.load(latin1))
                .hasMessage(latin1 + ":2: the file is not UTF-8 text: byte 0xe9 cannot start or continue a character;"
                        + " save it as UTF-8");
    }

    @Test
    void acceptsAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFFname: sales\ntier: internal\nowner: team-sales\ndescription: x\nformat: {type: csv}\n");
        assertThat(DatasetFiles.load(file).name()).isEqualTo("sales");
    }

    @Test
    void namesTheFileAsGivenForTextFromElsewhere() {
        assertThatThrownBy(() -> DatasetFiles.parse("request body", "name: sales\ntier: public\n"))
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .containsExactly(
                                "request body:1: missing required field 'owner' (an e-mail address or team id)",
                                "request body:1: missing required field 'description' (what the dataset holds)",
                                "request body:1: missing required field 'format' (how files are delivered, e.g. type: csv)",
                                "request body:2: tier must be one of internal, restricted, sensitive, but 'public' was"
                                        + " given"));
    }

    @Test
    void neverLeaksParserText() {
        for (String text : List.of("a: [1,\n", "? [a, b]\n: c\n", "a: b: c\n", "a:\n\t- x\n", "\"unterminated\n",
                "a: {b: [c, {d: e}\n", "x".repeat(100) + ": *nope\n")) {
            assertThatThrownBy(() -> DatasetFiles.parse("f.yaml", text))
                    .isInstanceOf(DatasetValidationException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .matches("(?s)f\\.yaml:\\d+: .*")
                            .doesNotContain("Exception", "jackson", "snakeyaml", "^", " in 'reader'", File.separator + "tmp"));
        }
    }
}
