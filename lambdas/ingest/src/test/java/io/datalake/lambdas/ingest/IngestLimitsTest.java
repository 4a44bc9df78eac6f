package io.datalake.lambdas.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestLimitsTest {
    @Test
    void defaults() {
        IngestLimits limits = IngestLimits.defaults();
        assertThat(limits.maxExpandedBytes()).isEqualTo(IngestLimits.DEFAULT_MAX_EXPANDED_BYTES).isEqualTo(10L << 30);
        assertThat(limits.maxExpansionRatio()).isEqualTo(IngestLimits.DEFAULT_MAX_EXPANSION_RATIO).isEqualTo(100);
        assertThat(limits.maxArchiveEntries()).isEqualTo(IngestLimits.DEFAULT_MAX_ARCHIVE_ENTRIES).isEqualTo(10_000);
        assertThat(limits.multipartCopyThreshold()).isEqualTo(IngestLimits.DEFAULT_MULTIPART_COPY_THRESHOLD).isEqualTo(5L << 30);
        assertThat(limits.copyPartSize()).isEqualTo(IngestLimits.DEFAULT_COPY_PART_SIZE).isEqualTo(512L << 20);
        assertThat(limits.uploadPartSize()).isEqualTo(IngestLimits.DEFAULT_UPLOAD_PART_SIZE).isEqualTo(16 << 20);
    }

    @Test
    void allowedExpansionIsTheRatioWithinTheGraceAndTheTotal() {
        IngestLimits limits = IngestLimits.builder().maxExpansionRatio(10).maxExpandedBytes(50L << 20).build();
        assertThat(limits.allowedExpansion(1000)).isEqualTo(IngestLimits.RATIO_GRACE_BYTES);
        assertThat(limits.allowedExpansion(1L << 20)).isEqualTo(10L << 20);
        assertThat(limits.allowedExpansion(1L << 30)).isEqualTo(50L << 20);
        assertThat(IngestLimits.defaults().allowedExpansion(Long.MAX_VALUE / 2)).isEqualTo(10L << 30);
    }

    @Test
    void failsForValuesOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> IngestLimits.builder().copyPartSize(1024))
                .hasMessage("copyPartSize must be between 5242880 and 5368709120 bytes, but 1024 was given");
        assertThatThrownBy(() -> IngestLimits.builder().maxExpansionRatio(0))
                .hasMessage("maxExpansionRatio must be at least 1, but 0 was given");
        assertThatThrownBy(() -> IngestLimits.builder().multipartCopyThreshold(6L << 30))
                .hasMessageStartingWith("multipartCopyThreshold must be between 1 and 5368709120 bytes");
    }

    @Test
    void readsEnvironmentVariables() {
        IngestLimits limits = IngestLimits.fromEnvironment(Map.of("LAKE_MAX_EXPANSION_RATIO", "250",
                "LAKE_UPLOAD_PART_SIZE", "8388608", "LAKE_MAX_ARCHIVE_ENTRIES", " 20 "));
        assertThat(limits.maxExpansionRatio()).isEqualTo(250);
        assertThat(limits.uploadPartSize()).isEqualTo(8 << 20);
        assertThat(limits.maxArchiveEntries()).isEqualTo(20);
        assertThatThrownBy(() -> IngestLimits.fromEnvironment(Map.of("LAKE_COPY_PART_SIZE", "big")))
                .hasMessage("LAKE_COPY_PART_SIZE must be a whole number, but 'big' was given");
        assertThatThrownBy(() -> IngestLimits.fromEnvironment(Map.of("LAKE_MAX_EXPANDED_BYTES", "0")))
                .hasMessage("LAKE_MAX_EXPANDED_BYTES: maxExpandedBytes must be at least 1, but 0 was given");
    }
}
