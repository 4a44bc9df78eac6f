package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnTypeTest {

    @ParameterizedTest(name = "{0} -> {1} / {2} / {3}")
    @CsvSource(delimiter = '|', value = {
        "string        | string        | VARCHAR       | STRING",
        "int           | int           | INTEGER       | INT",
        "bigint        | bigint        | BIGINT        | BIGINT",
        "double        | double        | DOUBLE        | DOUBLE",
        "float         | float         | FLOAT         | FLOAT",
        "boolean       | boolean       | BOOLEAN       | BOOLEAN",
        "date          | date          | DATE          | DATE",
        "timestamp     | timestamp     | TIMESTAMPTZ   | TIMESTAMP",
        "decimal(10,2) | decimal(10,2) | DECIMAL(10,2) | DECIMAL(10,2)",
        "decimal(38,0) | decimal(38,0) | DECIMAL(38,0) | DECIMAL(38,0)"})
    void mapsToGlueDuckDbAndSparkTypes(String text, String glue, String duckDb, String spark) {
        ColumnType type = ColumnType.parse("type", text);
        assertThat(type.glueType()).isEqualTo(glue);
        assertThat(type.duckDbType()).isEqualTo(duckDb);
        assertThat(type.sparkType()).isEqualTo(spark);
    }

    @Test
    void readsBackWhatItWrites() {
        List<ColumnType> types = List.of(ColumnType.STRING, ColumnType.INT, ColumnType.BIGINT, ColumnType.DOUBLE,
                ColumnType.FLOAT, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP,
                ColumnType.decimal(1, 0), ColumnType.decimal(12, 2), ColumnType.decimal(38, 38));
        for (ColumnType type : types) {
            assertThat(ColumnType.parse("type", type.toString())).isEqualTo(type).hasSameHashCodeAs(type);
        }
        assertThat(types).doesNotHaveDuplicates();
    }

    @Test
    void forgivesCaseAndBlanksAsPastedFromDdl() {
        assertThat(ColumnType.parse("type", " BigInt ")).isEqualTo(ColumnType.BIGINT);
        ColumnType decimal = ColumnType.parse("type", "DECIMAL( 10 , 2 )");
        assertThat(decimal).isEqualTo(ColumnType.decimal(10, 2));
        assertThat(decimal.kind()).isEqualTo(ColumnType.Kind.DECIMAL);
        assertThat(decimal.precision()).isEqualTo(10);
        assertThat(decimal.scale()).isEqualTo(2);
        assertThat(decimal.toString()).isEqualTo("decimal(10,2)");
    }

    @Test
    void failsForADecimalOutOfRangeNamingFieldValueAndLimit() {
        assertThatThrownBy(() -> ColumnType.parse("schema[3].type", "decimal(39,2)"))
                .isInstanceOf(DatasetValidationException.class)
                .hasMessage("schema[3].type decimal(39,2) must have a precision from 1 to 38, but 39 was given");
        assertThatThrownBy(() -> ColumnType.parse("schema[3].type", "decimal(0,0)"))
                .hasMessage("schema[3].type decimal(0,0) must have a precision from 1 to 38, but 0 was given");
        assertThatThrownBy(() -> ColumnType.parse("schema[3].type", "decimal(5,6)"))
                .hasMessage("schema[3].type decimal(5,6) must have a scale from 0 to its precision 5, but 6 was given");
        assertThatThrownBy(() -> ColumnType.decimal(10, -1))
                .hasMessage("type decimal(10,-1) must have a scale from 0 to its precision 10, but -1 was given");
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchar", "integer", "decimal", "decimal(10)", "decimal(-1,2)", "decimal(9999999999,2)",
        "array<string>", "", "  "})
    void failsForAnUnknownTypeListingTheAllowedOnes(String text) {
        assertThatThrownBy(() -> ColumnType.parse("schema[0].type", text))
                .isInstanceOfSatisfying(DatasetValidationException.class, e -> {
                    assertThat(e.problems()).singleElement().extracting(Problem::field).isEqualTo("schema[0].type");
                    assertThat(e.getMessage()).startsWith("schema[0].type must be one of string, int, bigint, double,"
                            + " float, boolean, date, timestamp, or decimal(p,s)").endsWith(" was given");
                });
    }

    @Test
    void failsForNothing() {
        assertThatThrownBy(() -> ColumnType.parse("type", null))
                .hasMessageEndingWith("but nothing was given");
    }
}
