package io.datalake.locallake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.datalake.core.conversion.ConversionCorpus;
import io.datalake.core.conversion.ConversionException;
import io.datalake.core.conversion.ParquetOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conversion conformance corpus through DuckDB: every case must give the outcome its expected
 * file states, and the Parquet types of {@code ColumnType.parquetType()}. The runner's
 * {@code SparkConformanceTest} holds Spark to the same files, so the engines cannot drift apart.
 */
class DuckDbConformanceTest {
    @TempDir
    Path dir;

    static Stream<ConversionCorpus.Case> cases() {
        return ConversionCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsAsTheContractSays(ConversionCorpus.Case c) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        DuckDbConversion conversion = new DuckDbConversion(c.dataset());
        if (c.fails()) {
            ConversionException e = catchThrowableOfType(() -> conversion.convert(ConversionCorpus.rawFiles(c), c.files(), out),
                    ConversionException.class);
            assertThat(e).as("%s must fail", c).isNotNull();
            assertThat(e.getMessage()).as(c.toString()).contains(c.expected().get(0)).doesNotContain("\n");
            return;
        }
        long rows = conversion.convert(ConversionCorpus.rawFiles(c), c.files(), out);
        List<String> actual = ParquetOutput.rows(c.dataset(), out);
        record(c, actual);
        assertThat(actual).as(c.toString()).containsExactlyElementsOf(c.expected());
        assertThat(rows).isEqualTo(actual.size());
        if (!ParquetOutput.files(out).isEmpty()) {
            assertThat(ParquetOutput.schema(out)).as(c.toString()).isEqualTo(ParquetOutput.expectedSchema(c.dataset()));
        }
    }

    /** With -Dconversion.corpus.record, a case whose expected rows say ROWS? gets the rows DuckDB gave, for review. */
    private static void record(ConversionCorpus.Case c, List<String> actual) throws IOException {
        if (System.getProperty("conversion.corpus.record") != null && c.expected().equals(List.of("ROWS?"))) {
            Path folder = ConversionCorpus.root().resolve("cases").resolve(c.dataset().name());
            List<String> lines = new ArrayList<>(List.of("rows"));
            lines.addAll(actual);
            Files.write(folder.resolve(c.name() + ".expected"), lines, StandardCharsets.UTF_8);
        }
    }
}
