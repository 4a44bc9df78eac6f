package io.datalake.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void findsLakeAddressesOnlyAsQuotedNames() {
        SqlText text = new SqlText("SELECT 'lake://in_a_string' AS s, x.\"lake://qualified\" -- \"lake://in_a_comment\"\n"
                + "FROM \"lake://orders:2026-11-20\" o JOIN \"lake://orders:-1\" l ON o.id = l.id"
                + " /* \"lake://block\" */ JOIN \"lake://orders:2026-11-20\" again ON true");
        assertThat(text.lakeAddresses()).containsExactly("lake://orders:2026-11-20", "lake://orders:-1");
    }

    @Test
    void namesFoldUnquotedAndSkipQualifiedOnes() {
        SqlText text = new SqlText("SELECT o.Amount, \"Mixed\" FROM Orders o JOIN db.customers c ON o.c = c.id");
        // o.Amount and db.customers name something explicitly; the aliases o and c stand alone.
        assertThat(text.unqualifiedNames()).containsExactly("select", "Mixed", "from", "orders", "o", "join", "c", "on");
    }

    @Test
    void prependsDefinitionsOrJoinsTheQuerysOwnWith() {
        assertThat(new SqlText("SELECT 1").withDefinitions(List.of("a AS (SELECT 2)"))).isEqualTo("WITH a AS (SELECT 2)\nSELECT 1");
        assertThat(new SqlText("  with b AS (SELECT 3) SELECT * FROM b").withDefinitions(List.of("a AS (SELECT 2)")))
                .isEqualTo("  with a AS (SELECT 2),\n b AS (SELECT 3) SELECT * FROM b");
        assertThat(new SqlText("SELECT 1").withDefinitions(List.of())).isEqualTo("SELECT 1");
        assertThat(SqlText.literal("it's")).isEqualTo("'it''s'");
    }
}
