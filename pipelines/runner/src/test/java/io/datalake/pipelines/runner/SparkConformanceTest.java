package io.datalake.pipelines.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.datalake.core.conversion.ConversionCorpus;
import io.datalake.core.conversion.ConversionException;
import io.datalake.core.conversion.ParquetOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.SparkRuntimeException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conversion conformance corpus through Spark: every case must give the outcome its expected
 * file states (the same files the local lake's {@code DuckDbConformanceTest} holds DuckDB to), with
 * the rows read back by the same reader, and the Parquet types of {@code ColumnType.parquetType()}.
 */
@Execution(ExecutionMode.CONCURRENT) // cases are independent; one Spark application serves them all
class SparkConformanceTest {
    @TempDir
    Path dir;

    static Stream<ConversionCorpus.Case> cases() {
        return ConversionCorpus.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void convertsAsTheContractSays(ConversionCorpus.Case c) {
        SparkSession session = RunnerSession.open(TestSpark.session());
        Path out = dir.resolve("out");
        List<String> paths = c.files().stream().map(p -> p.toUri().toString()).toList();
        List<String> names = c.files().stream().map(p -> p.getFileName().toString()).toList();
        String message;
        try {
            SparkConversion conversion = new SparkConversion(session, c.dataset(), paths, names);
            try {
                UpdateWriter.writeParquet(conversion.rows(), c.dataset(), out.toUri().toString());
                message = null;
            } catch (Exception e) {
                if (!RunErrors.causedBy(e, SparkException.class) && !RunErrors.causedBy(e, SparkRuntimeException.class)) {
                    throw e;
                }
                message = conversion.diagnose(e).getMessage();
            }
        } catch (ConversionException e) {
            message = e.getMessage();
        }
        if (c.fails()) {
            assertThat(message).as("%s must fail", c).isNotNull();
            assertThat(message).as(c.toString()).contains(c.expected().get(0)).doesNotContain("\n");
            return;
        }
        if (message != null) {
            fail(c + " must convert, but: " + message);
        }
        assertThat(ParquetOutput.rows(c.dataset(), out)).as(c.toString()).containsExactlyElementsOf(c.expected());
        if (!ParquetOutput.files(out).isEmpty()) {
            assertThat(ParquetOutput.schema(out)).as(c.toString()).isEqualTo(ParquetOutput.expectedSchema(c.dataset()));
        }
    }
}
