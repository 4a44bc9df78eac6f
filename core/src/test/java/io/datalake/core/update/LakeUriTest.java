package io.datalake.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datalake.core.LakeConfigException;
import io.datalake.core.UpdateId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LakeUriTest {
    static final List<UpdateId> UPDATES = List.of(
            UpdateId.parse("2026-11-21T101500Z-3f9a"), UpdateId.parse("2026-11-20T090000Z-0001"),
            UpdateId.parse("2026-11-20T230000Z-0002"), UpdateId.parse("2026-11-22T000100Z-0003"));

    @ParameterizedTest
    @CsvSource({
        "lake://sales,            LIVE,   2026-11-22T000100Z-0003",
        "lake://sales:latest,     LATEST, 2026-11-22T000100Z-0003",
        "lake://sales:2026-11-20, DATE,   2026-11-20T230000Z-0002",
        "lake://sales:0,          INDEX,  2026-11-20T090000Z-0001",
        "lake://sales:-1,         INDEX,  2026-11-22T000100Z-0003",
        "lake://sales:-4,         INDEX,  2026-11-20T090000Z-0001",
    })
    void resolvesTagsAgainstCompleteUpdates(String uri, LakeUri.Kind kind, String expected) {
        LakeUri parsed = LakeUri.parse(uri);
        assertThat(parsed.dataset()).isEqualTo("sales");
        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(parsed.live()).isEqualTo(kind == LakeUri.Kind.LIVE);
        assertThat(parsed.resolve(UPDATES)).contains(UpdateId.parse(expected));
        assertThat(parsed.toString()).isEqualTo(uri);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lake://sales:2026-11-19", "lake://sales:4", "lake://sales:-5"})
    void resolvesToNothingOutsideTheUpdates(String uri) {
        assertThat(LakeUri.parse(uri).resolve(UPDATES)).isEmpty();
        assertThat(LakeUri.parse("lake://sales").resolve(List.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "s3://sales#a dataset address must look like lake://<dataset>[:latest|:YYYY-MM-DD|:<index>], but 's3://sales' was given",
        "lake://sales:yesterday#the tag of lake://sales:yesterday must be latest, a date YYYY-MM-DD or an index such as 0 or -1, but 'yesterday' was given",
        "lake://sales:2026-13-01#the date of lake://sales:2026-13-01 is not a calendar date",
    })
    void failsForMalformedAddresses(String uri, String message) {
        assertThatThrownBy(() -> LakeUri.parse(uri)).isInstanceOf(LakeConfigException.class).hasMessage(message);
    }
}
