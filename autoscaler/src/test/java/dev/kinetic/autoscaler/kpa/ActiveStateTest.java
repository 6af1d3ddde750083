package dev.kinetic.autoscaler.kpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import dev.kinetic.api.duck.v1.Condition;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Active condition from the pod counts (Knative {@code computeActiveCondition}). */
class ActiveStateTest {
    record Row(
            String name,
            boolean wasInactive,
            int minReady,
            int want,
            int ready,
            boolean timedOut,
            String status,
            String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("want zero: inactive, no traffic", false, 1, 0, 1, false, Condition.FALSE, "NoTraffic"),
                new Row(
                        "want zero after a failed activation: timed out",
                        false,
                        1,
                        0,
                        0,
                        true,
                        Condition.FALSE,
                        "TimedOut"),
                new Row("fewer ready than needed: activating", false, 1, 1, 0, false, Condition.UNKNOWN, "Queued"),
                new Row("inactive and wanted again: activating", true, 1, 1, 0, false, Condition.UNKNOWN, "Queued"),
                new Row(
                        "inactive, nothing wanted yet (initial-scale 0)",
                        true,
                        1,
                        -1,
                        0,
                        false,
                        Condition.FALSE,
                        "NoTraffic"),
                new Row("enough ready: active", false, 1, 2, 1, false, Condition.TRUE, null),
                new Row("unknown want, enough ready: active", false, 1, -1, 1, false, Condition.TRUE, null),
                new Row("inactive stays inactive until wanted", true, 0, -1, 0, false, Condition.FALSE, "NoTraffic"),
                new Row("initial scale 3 not reached: activating", false, 3, 3, 2, false, Condition.UNKNOWN, "Queued"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void active(Row row) {
        PodAutoscalerStatus status = new PodAutoscalerStatus();
        status.initializeConditions();
        if (row.wasInactive()) {
            status.markInactive("NoTraffic", ActiveState.NO_TRAFFIC_MESSAGE);
        }
        ActiveState.apply(status, row.minReady(), row.want(), row.ready(), row.timedOut(), true);
        Condition active = status.condition(PodAutoscalerStatus.ACTIVE).orElseThrow();
        assertThat(active.getStatus()).isEqualTo(row.status());
        if (row.reason() != null) {
            assertThat(active.getReason()).isEqualTo(row.reason());
        }
    }

    @ParameterizedTest(name = "ready {0} of {1}, service {2} -> initialized {3}")
    @MethodSource("initialized")
    void scaleTargetInitialized(int ready, int minReady, boolean hasService, boolean expected) {
        PodAutoscalerStatus status = new PodAutoscalerStatus();
        status.initializeConditions();
        ActiveState.apply(status, minReady, 1, ready, false, hasService);
        assertThat(status.condition(PodAutoscalerStatus.SCALE_TARGET_INITIALIZED)
                        .map(Condition::isTrue)
                        .orElse(false))
                .isEqualTo(expected);
    }

    static Stream<Object[]> initialized() {
        return Stream.of(
                new Object[] {1, 1, true, true},
                new Object[] {0, 1, true, false},
                new Object[] {1, 1, false, false},
                new Object[] {2, 3, true, false});
    }
}
