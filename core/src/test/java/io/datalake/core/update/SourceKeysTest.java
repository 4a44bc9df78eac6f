package io.datalake.core.update;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceKeysTest {
    @Test
    void acceptsKeysProducersWrite() {
        for (String key : new String[] {"orders/2026-11-21/orders.csv.gz", "orders/my file+1 (copy).csv", "orders/ünï/日本.csv",
                "orders/a..b.csv", "orders/.hidden", "x"}) {
            assertThat(SourceKeys.problem(key)).as(key).isEmpty();
        }
    }

    @Test
    void refusesKeysThatArePathsInDisguiseOrNoKeysAtAll() {
        assertThat(SourceKeys.problem("orders/../x.csv")).hasValueSatisfying(p -> assertThat(p).contains("'..' segment"));
        assertThat(SourceKeys.problem("sales_orders/..")).hasValueSatisfying(p -> assertThat(p).contains("'..' segment"));
        assertThat(SourceKeys.problem("orders/./x.csv")).hasValueSatisfying(p -> assertThat(p).contains("'.' segment"));
        assertThat(SourceKeys.problem("orders/a\u0000.csv")).hasValue("holds the control character U+0000 at position 9");
        assertThat(SourceKeys.problem("orders/\u0085")).hasValueSatisfying(p -> assertThat(p).contains("U+0085"));
        assertThat(SourceKeys.problem("orders/\ud800.csv")).hasValueSatisfying(p -> assertThat(p).contains("lone surrogate"));
        assertThat(SourceKeys.problem("orders//x.csv")).hasValue("has an empty segment ('//')");
        assertThat(SourceKeys.problem("/orders/x.csv")).hasValue("starts with '/'");
        assertThat(SourceKeys.problem("orders/")).hasValueSatisfying(p -> assertThat(p).startsWith("ends with '/'"));
        assertThat(SourceKeys.problem("")).hasValue("is empty");
        assertThat(SourceKeys.problem("o/" + "é".repeat(512))).hasValueSatisfying(p -> assertThat(p).contains("1024 bytes"));
        assertThat(SourceKeys.dotSegment("orders//x.csv")).as("only dot segments").isEmpty();
        assertThat(SourceKeys.dotSegment("a/../../b")).isPresent();
    }
}
