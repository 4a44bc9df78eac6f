package io.datalake.core.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The update lifecycle: every move allowed by the table passes, every other is refused with a typed exception. */
class UpdateStateTest {
    /** The lifecycle, written out independently of {@link UpdateState#canMoveTo}. */
    static final Map<UpdateState, Set<UpdateState>> ALLOWED = Map.of(
            UpdateState.RECEIVING, EnumSet.of(UpdateState.RAW_COMPLETE, UpdateState.COMPLETE, UpdateState.FAILED),
            UpdateState.RAW_COMPLETE, EnumSet.of(UpdateState.COMPLETE, UpdateState.FAILED),
            UpdateState.COMPLETE, EnumSet.noneOf(UpdateState.class),
            UpdateState.FAILED, EnumSet.noneOf(UpdateState.class));

    static List<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (UpdateState from : UpdateState.values()) {
            for (UpdateState to : UpdateState.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheLifecycleHasIt(UpdateState from, UpdateState to) {
        boolean allowed = ALLOWED.get(from).contains(to);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThatCode(() -> from.checkMove(to, "d@u")).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> from.checkMove(to, "d@u"))
                    .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                        assertThat(e.from()).hasValue(from);
                        assertThat(e.to()).isEqualTo(to);
                    })
                    .hasMessageStartingWith("update d@u is " + from.id() + " and cannot become " + to.id());
        }
    }

    @Test
    void finalStatesSayTheyAreFinalAndOthersNameTheWayOn() {
        assertThatThrownBy(() -> UpdateState.COMPLETE.checkMove(UpdateState.RAW_COMPLETE, "d@u"))
                .hasMessage("update d@u is complete and cannot become raw-complete; complete is final");
        assertThatThrownBy(() -> UpdateState.RAW_COMPLETE.checkMove(UpdateState.RECEIVING, "d@u"))
                .hasMessage("update d@u is raw-complete and cannot become receiving; it may only become complete, failed");
        assertThat(EnumSet.allOf(UpdateState.class).stream().filter(UpdateState::isFinal))
                .containsExactly(UpdateState.COMPLETE, UpdateState.FAILED);
    }

    @Test
    void aNewUpdateStartsReceivingOrFailedOnly() {
        assertThatCode(() -> UpdateState.RECEIVING.checkInitial("d@u")).doesNotThrowAnyException();
        assertThatCode(() -> UpdateState.FAILED.checkInitial("d@u")).doesNotThrowAnyException();
        for (UpdateState state : List.of(UpdateState.RAW_COMPLETE, UpdateState.COMPLETE)) {
            assertThatThrownBy(() -> state.checkInitial("d@u")).isInstanceOfSatisfying(IllegalTransitionException.class,
                    e -> assertThat(e.from()).isEmpty()).hasMessage("update d@u cannot start " + state.id()
                    + "; a new update starts receiving or failed");
        }
    }

    @Test
    void theManifestMovesOnlyAlongTheLifecycle() {
        UpdateManifest raw = UpdateManifestTest.raw();
        ManifestFile part = new ManifestFile("part-0.parquet", 3, "b".repeat(64));
        UpdateManifest complete = raw.completed(Instant.parse("2026-11-21T10:20:00Z"), List.of(part), 2);
        assertThat(complete.state()).isEqualTo(UpdateState.COMPLETE);
        assertThat(complete.dataFiles()).containsExactly(part);
        assertThat(raw.failed("bad").error()).hasValue("bad");

        assertThatThrownBy(() -> complete.completed(Instant.now(), List.of(), 0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> complete.failed("late")).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> raw.failed("x").completed(Instant.now(), List.of(), 0))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void theDigestChangesWithTheContent() {
        UpdateManifest raw = UpdateManifestTest.raw();
        assertThat(raw.digest()).matches("[0-9a-f]{64}").isEqualTo(UpdateManifest.fromJson(raw.toJson()).digest());
        assertThat(raw.failed("x").digest()).isNotEqualTo(raw.digest());
    }
}
