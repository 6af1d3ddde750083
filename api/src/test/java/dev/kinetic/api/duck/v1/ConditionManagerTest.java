package dev.kinetic.api.duck.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Ready follows the dependents exactly as Knative's living condition sets do. */
class ConditionManagerTest {
    private static final ConditionSet SET = ConditionSet.living("A", "B");
    private static final Clock T0 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T00:05:00Z"), ZoneOffset.UTC);

    static Arguments row(String name, Consumer<ConditionManager> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("initialised: all unknown", m -> {}, "Unknown", null),
                row("one dependent true", m -> m.markTrue("A"), "Unknown", null),
                row(
                        "all dependents true",
                        m -> {
                            m.markTrue("A");
                            m.markTrue("B");
                        },
                        "True",
                        null),
                row(
                        "a dependent false",
                        m -> {
                            m.markTrue("A");
                            m.markFalse("B", "Broken", "b is broken");
                        },
                        "False",
                        "Broken"),
                row(
                        "false wins over a later unknown",
                        m -> {
                            m.markFalse("A", "Broken", "a is broken");
                            m.markUnknown("B", "Waiting", "b waits");
                        },
                        "False",
                        "Broken"),
                row(
                        "unknown after true",
                        m -> {
                            m.markTrue("A");
                            m.markTrue("B");
                            m.markUnknown("B", "Deploying", "");
                        },
                        "Unknown",
                        "Deploying"),
                row(
                        "recovering dependent leaves ready with the other's state",
                        m -> {
                            m.markFalse("A", "Broken", "a");
                            m.markUnknown("B", "Waiting", "b");
                            m.markTrue("A");
                        },
                        "Unknown",
                        "Waiting"),
                row(
                        "non-dependent condition never affects ready",
                        m -> {
                            m.markTrue("A");
                            m.markTrue("B");
                            m.markFalse("Extra", "Nope", "informational");
                        },
                        "True",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readyFollowsDependents(Consumer<ConditionManager> marks, String ready, String reason) {
        Status status = new Status();
        ConditionManager m = SET.manage(status, T0);
        m.initialize();
        marks.accept(m);
        Condition happy = status.condition("Ready").orElseThrow();
        assertThat(happy.getStatus()).isEqualTo(ready);
        assertThat(happy.getReason()).isEqualTo(reason);
    }

    @Test
    void informationalConditionsHaveInfoSeverity() {
        Status status = new Status();
        SET.manage(status).markFalse("Extra", "Nope", "m");
        assertThat(status.condition("Extra").orElseThrow().getSeverity()).isEqualTo(Condition.SEVERITY_INFO);
        SET.manage(status).markTrue("A");
        assertThat(status.condition("A").orElseThrow().getSeverity()).isNull();
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStateChanges() {
        Status status = new Status();
        SET.manage(status, T0).markUnknown("A", "Deploying", "");
        SET.manage(status, T1).markUnknown("A", "Deploying", "");
        assertThat(status.condition("A").orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        SET.manage(status, T1).markTrue("A");
        assertThat(status.condition("A").orElseThrow().getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void conditionsStaySortedAndClearOnlyRemovesExtras() {
        Status status = new Status();
        ConditionManager m = SET.manage(status);
        m.initialize();
        m.markTrue("Extra");
        assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("A", "B", "Extra", "Ready");
        m.clear("Extra");
        m.clear("A");
        assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("A", "B", "Ready");
    }

    @Test
    void happyOnlySetIsDrivenDirectly() {
        Status status = new Status();
        ConditionManager m = ConditionSet.living().manage(status);
        m.initialize();
        m.markFalse("Ready", "RevisionFailed", "boom");
        assertThat(m.isHappy()).isFalse();
        m.markTrue("Ready");
        assertThat(m.isHappy()).isTrue();
    }
}
