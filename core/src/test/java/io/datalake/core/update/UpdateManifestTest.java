package io.datalake.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpdateManifestTest {
    static final String SHA = "a".repeat(64);
    static final UpdateId UPDATE = UpdateId.parse("2026-11-21T101500Z-3f9a");

    static UpdateManifest raw() {
        return UpdateManifest.builder().dataset("sales").update(UPDATE).state(UpdateState.RAW_COMPLETE)
                .source(new UpdateSource(UpdateSource.Kind.DROP, "acme-datalake-drop-dev-internal-eu-west-1", "sales/a.csv.gz", "v1"))
                .createdAt(Instant.parse("2026-11-21T10:15:00Z"))
                .rawFile(new ManifestFile("a.csv", 1234, SHA)).build();
    }

    @Test
    void roundTripsThroughJsonAndDerivesTheNextState() {
        UpdateManifest complete = raw().toBuilder().state(UpdateState.COMPLETE).completedAt(Instant.parse("2026-11-21T10:16:00Z"))
                .dataFile(new ManifestFile("part-0.parquet", 999, SHA)).rowCount(42)
                .upstream(new UpstreamRef("orders", UpdateId.parse("2026-11-20T000000Z-0000"))).build();
        String json = complete.toJson();
        assertThat(json).contains("\"state\" : \"complete\"").contains("\"rowCount\" : 42").contains("\"format\" : 1");
        UpdateManifest back = UpdateManifest.fromJson(json);
        assertThat(back).isEqualTo(complete);
        assertThat(back.rowCount()).hasValue(42);
        assertThat(back.upstreams()).containsExactly(new UpstreamRef("orders", UpdateId.parse("2026-11-20T000000Z-0000")));
        assertThat(back.key()).isEqualTo("sales/updates/2026-11-21T101500Z-3f9a.json");
        assertThat(raw().rawBytes()).isEqualTo(1234);
        assertThat(raw().source().deliveryKey()).isEqualTo("drop:acme-datalake-drop-dev-internal-eu-west-1/sales/a.csv.gz#v1");
    }

    @Test
    void refusesInconsistentStatesAndBadFiles() {
        assertThatThrownBy(() -> raw().toBuilder().state(UpdateState.COMPLETE).build()).hasMessage("a complete manifest needs completedAt");
        assertThatThrownBy(() -> raw().toBuilder().state(UpdateState.FAILED).build()).hasMessage("a failed manifest needs the error");
        assertThatThrownBy(() -> new ManifestFile("../etc/passwd", 1, SHA)).hasMessageContaining("without '..'");
        assertThatThrownBy(() -> new ManifestFile("a.csv", 1, "xyz")).hasMessageContaining("64 lowercase hex digits");
    }

    @Test
    void readingBrokenManifestsNamesTheProblem() {
        assertThatThrownBy(() -> UpdateManifest.fromJson("{nope")).isInstanceOf(LakeConfigException.class)
                .hasMessageStartingWith("manifest is not JSON");
        assertThatThrownBy(() -> UpdateManifest.fromJson("{\"dataset\":\"sales\"}")).hasMessage("manifest field 'source' is missing");
        assertThatThrownBy(() -> UpdateManifest.fromJson(raw().toJson().replace("raw-complete", "done")))
                .hasMessageContaining("update state must be one of receiving, raw-complete, complete, failed, but 'done' was given");
    }
}
