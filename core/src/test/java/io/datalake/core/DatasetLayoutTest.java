package io.datalake.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DatasetLayoutTest {

    private final UpdateId update = UpdateId.parse("2026-11-21T101500Z-3f9a");

    @Test
    void layoutOfADataset() {
        assertThat(DatasetLayout.prefix("sales")).isEqualTo("sales/");
        assertThat(DatasetLayout.rawPrefix("sales", update)).isEqualTo("sales/raw/2026-11-21T101500Z-3f9a/");
        assertThat(DatasetLayout.dataPrefix("sales", update)).isEqualTo("sales/data/2026-11-21T101500Z-3f9a/");
        assertThat(DatasetLayout.manifestKey("sales", update)).isEqualTo("sales/updates/2026-11-21T101500Z-3f9a.json");
    }

    @Test
    void failsForABadDatasetName() {
        assertThatThrownBy(() -> DatasetLayout.prefix("Sales"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("but 'Sales' was given");
        assertThatThrownBy(() -> DatasetLayout.prefix("ab")).hasMessageContaining("'ab'");
        assertThatThrownBy(() -> DatasetLayout.prefix("../etc")).hasMessageContaining("'../etc'");
    }

    @Test
    void updateIdsSortByTimeAndParseBack() {
        Random random = new Random(7);
        UpdateId earlier = UpdateId.create(Instant.parse("2026-11-21T10:15:00Z"), random);
        UpdateId later = UpdateId.create(Instant.parse("2026-11-21T10:15:01Z"), random);
        assertThat(earlier.toString()).matches(UpdateId.FORMAT).startsWith("2026-11-21T101500Z-");
        assertThat(earlier).isLessThan(later);
        assertThat(UpdateId.parse(later.toString())).isEqualTo(later);
        assertThat(earlier.date()).isEqualTo("2026-11-21");
        assertThatThrownBy(() -> UpdateId.parse("yesterday")).hasMessageContaining("'yesterday'");
    }
}
