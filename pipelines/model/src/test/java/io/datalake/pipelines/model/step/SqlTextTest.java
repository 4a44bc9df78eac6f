package io.datalake.pipelines.model.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void aTrailingSemicolonAndCommentsAfterItAreNotASecondStatement() {
        String sql = "-- daily\nSELECT 'a;b' AS x, \"c;d\" FROM t /* ; */;\n-- end\n";
        assertThat(SqlText.secondStatementLine(sql)).isEmpty();
        assertThat(SqlText.statement(sql)).isEqualTo("-- daily\nSELECT 'a;b' AS x, \"c;d\" FROM t /* ; */");
        assertThat(SqlText.isEmpty(sql)).isFalse();
    }

    @Test
    void findsTheLineOfASecondStatement() {
        assertThat(SqlText.secondStatementLine("SELECT 1;\n\n/* next */\nSELECT 2")).hasValue(4);
        assertThat(SqlText.secondStatementLine("SELECT 1;;")).hasValue(1);
    }

    @Test
    void commentsAloneAreEmpty() {
        assertThat(SqlText.isEmpty("-- nothing\n/* yet */\n")).isTrue();
        assertThat(SqlText.isEmpty(";")).isTrue();
    }
}
