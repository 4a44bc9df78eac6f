package io.datalake.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpellingTest {
    private final List<String> fields = List.of("name", "tier", "owner", "description", "format", "tags");

    @Test
    void countsEdits() {
        assertThat(Spelling.distance("teir", "tier")).isEqualTo(2);
        assertThat(Spelling.distance("tier", "tier")).isZero();
        assertThat(Spelling.distance("", "tags")).isEqualTo(4);
        assertThat(Spelling.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestFieldWithinTwoEdits() {
        assertThat(Spelling.closest("teir", fields)).contains("tier");
        assertThat(Spelling.closest("Owner", fields)).contains("owner");
        assertThat(Spelling.closest("tag", fields)).contains("tags");
        assertThat(Spelling.closest("descripton", fields)).contains("description");
    }

    @Test
    void suggestsNothingForAFarOffWord() {
        assertThat(Spelling.closest("colour", fields)).isEmpty();
        assertThat(Spelling.closest("ab", fields)).isEmpty();
        assertThat(Spelling.closest("x", List.of("y"))).isEmpty();
    }
}
