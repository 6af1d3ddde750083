package dev.kinetic.autoscaler.kpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.autoscaler.kpa.ScaleGate.Activity;
import dev.kinetic.autoscaler.kpa.ScaleGate.Input;
import dev.kinetic.autoscaler.kpa.ScaleGate.Outcome;
import dev.kinetic.autoscaler.scaling.ScaleBounds;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The bounds and the scale-to-zero gate (Knative {@code scaler_test.go}), one row per rule. */
class ScaleGateTest {
    private static final long NOW = 1_000_000;
    private static final long SEC = 1000;
    /** min 0, max 0, initial 1, scale to zero on, stable window 60 s, grace 30 s, no retention. */
    private static final ScaleBounds DEFAULTS = new ScaleBounds(0, 0, 1, true, 60 * SEC, 30 * SEC, 0);

    record Row(
            String name,
            int desired,
            ScaleBounds bounds,
            boolean initialized,
            Activity activity,
            long activeForMillis,
            long proxyForMillis,
            boolean probeAnswers,
            boolean alwaysInPath,
            Outcome expected,
            boolean expectProbe) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(
            String name,
            int desired,
            ScaleBounds bounds,
            Activity activity,
            long forMillis,
            long proxyFor,
            boolean probe,
            Outcome expected) {
        return new Row(name, desired, bounds, true, activity, forMillis, proxyFor, probe, false, expected, false);
    }

    static Stream<Row> rows() {
        ScaleBounds min2max5 = new ScaleBounds(2, 5, 1, true, 60 * SEC, 30 * SEC, 0);
        ScaleBounds initial3 = new ScaleBounds(0, 0, 3, true, 60 * SEC, 30 * SEC, 0);
        ScaleBounds noZero = new ScaleBounds(0, 0, 1, false, 60 * SEC, 30 * SEC, 0);
        ScaleBounds retention90 = new ScaleBounds(0, 0, 1, true, 60 * SEC, 30 * SEC, 90 * SEC);
        ScaleBounds retention10 = new ScaleBounds(0, 0, 1, true, 60 * SEC, 30 * SEC, 10 * SEC);
        return Stream.of(
                row(
                        "unknown while active: leave the scale alone",
                        -1,
                        DEFAULTS,
                        Activity.ACTIVE,
                        0,
                        -1,
                        true,
                        new Outcome(-1, false, -1, false)),
                row("positive desired is applied", 4, DEFAULTS, Activity.ACTIVE, 0, -1, true, Outcome.apply(4)),
                row("below min-scale is raised", 1, min2max5, Activity.ACTIVE, 0, -1, true, Outcome.apply(2)),
                row("above max-scale is capped", 9, min2max5, Activity.ACTIVE, 0, -1, true, Outcome.apply(5)),
                row("zero with min-scale is min", 0, min2max5, Activity.ACTIVE, 0, -1, true, Outcome.apply(2)),
                new Row(
                        "initial-scale raises min until initialized",
                        1,
                        initial3,
                        false,
                        Activity.ACTIVATING,
                        0,
                        -1,
                        true,
                        false,
                        Outcome.apply(3),
                        false),
                row(
                        "initial-scale is ignored once initialized",
                        1,
                        initial3,
                        Activity.ACTIVE,
                        0,
                        -1,
                        true,
                        Outcome.apply(1)),
                row(
                        "scale to zero disabled keeps one pod",
                        0,
                        noZero,
                        Activity.ACTIVE,
                        600 * SEC,
                        -1,
                        true,
                        Outcome.apply(1)),
                row(
                        "active for less than the stable window: hold one pod",
                        0,
                        DEFAULTS,
                        Activity.ACTIVE,
                        20 * SEC,
                        -1,
                        true,
                        new Outcome(1, true, 40 * SEC, false)),
                row(
                        "active for the stable window: mark inactive first",
                        0,
                        DEFAULTS,
                        Activity.ACTIVE,
                        60 * SEC,
                        -1,
                        true,
                        new Outcome(0, false, -1, false)),
                row(
                        "active, already proxied: come back soon",
                        0,
                        DEFAULTS,
                        Activity.ACTIVE,
                        60 * SEC,
                        5 * SEC,
                        true,
                        new Outcome(0, false, ScaleGate.PROXY_RECHECK_MILLIS, false)),
                new Row(
                        "inactive, activator not in path: probe again",
                        0,
                        DEFAULTS,
                        true,
                        Activity.INACTIVE,
                        40 * SEC,
                        40 * SEC,
                        false,
                        false,
                        new Outcome(0, false, ScaleGate.PROBE_RECHECK_MILLIS, false),
                        true),
                new Row(
                        "inactive past the grace period: zero",
                        0,
                        DEFAULTS,
                        true,
                        Activity.INACTIVE,
                        30 * SEC,
                        0,
                        true,
                        false,
                        Outcome.apply(0),
                        true),
                new Row(
                        "inactive, proxied for the grace period: zero",
                        0,
                        DEFAULTS,
                        true,
                        Activity.INACTIVE,
                        5 * SEC,
                        30 * SEC,
                        true,
                        false,
                        Outcome.apply(0),
                        true),
                new Row(
                        "inactive, proxied briefly: wait out the grace period",
                        0,
                        DEFAULTS,
                        true,
                        Activity.INACTIVE,
                        5 * SEC,
                        10 * SEC,
                        true,
                        false,
                        new Outcome(0, false, 20 * SEC, false),
                        true),
                new Row(
                        "retention holds the last pod",
                        0,
                        retention90,
                        true,
                        Activity.INACTIVE,
                        40 * SEC,
                        40 * SEC,
                        true,
                        false,
                        new Outcome(0, false, 50 * SEC, false),
                        true),
                new Row(
                        "retention over: zero",
                        0,
                        retention90,
                        true,
                        Activity.INACTIVE,
                        90 * SEC,
                        90 * SEC,
                        true,
                        false,
                        Outcome.apply(0),
                        true),
                new Row(
                        "short retention satisfied, proxied for grace: zero",
                        0,
                        retention10,
                        true,
                        Activity.INACTIVE,
                        15 * SEC,
                        30 * SEC,
                        true,
                        false,
                        Outcome.apply(0),
                        true),
                new Row(
                        "TBC -1: no probe needed",
                        0,
                        DEFAULTS,
                        true,
                        Activity.INACTIVE,
                        30 * SEC,
                        0,
                        false,
                        true,
                        Outcome.apply(0),
                        false),
                row(
                        "activating within the deadline: wait",
                        0,
                        DEFAULTS,
                        Activity.ACTIVATING,
                        100 * SEC,
                        -1,
                        true,
                        new Outcome(-1, false, 530 * SEC, false)),
                row(
                        "activating past progress deadline + 30 s: give up",
                        0,
                        DEFAULTS,
                        Activity.ACTIVATING,
                        630 * SEC,
                        -1,
                        true,
                        new Outcome(0, true, -1, true)),
                row(
                        "unknown while activating counts as zero",
                        -1,
                        DEFAULTS,
                        Activity.ACTIVATING,
                        630 * SEC,
                        -1,
                        true,
                        new Outcome(0, true, -1, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void gate(Row row) {
        AtomicInteger probes = new AtomicInteger();
        Outcome outcome = ScaleGate.decide(
                new Input(
                        row.desired(),
                        row.bounds(),
                        row.initialized(),
                        row.activity(),
                        NOW - row.activeForMillis(),
                        row.proxyForMillis() < 0 ? -1 : NOW - row.proxyForMillis(),
                        row.alwaysInPath(),
                        600 * SEC + ScaleGate.ACTIVATION_TIMEOUT_BUFFER_MILLIS,
                        NOW),
                () -> {
                    probes.incrementAndGet();
                    return row.probeAnswers();
                });
        assertThat(outcome).isEqualTo(row.expected());
        assertThat(probes.get() > 0).as("activator probed").isEqualTo(row.expectProbe());
    }

    static Stream<Object[]> thresholds() {
        return Stream.of(
                new Object[] {new ScaleBounds(0, 0, 1, true, 0, 0, 0), true, 1},
                new Object[] {new ScaleBounds(3, 0, 1, true, 0, 0, 0), true, 3},
                new Object[] {new ScaleBounds(0, 0, 4, true, 0, 0, 0), false, 4},
                new Object[] {new ScaleBounds(0, 0, 0, true, 0, 0, 0), false, 0},
                new Object[] {new ScaleBounds(2, 0, 4, true, 0, 0, 0), true, 2});
    }

    @ParameterizedTest(name = "{0} initialized={1} -> {2}")
    @MethodSource("thresholds")
    void activeThreshold(ScaleBounds bounds, boolean initialized, int expected) {
        assertThat(ScaleGate.activeThreshold(bounds, initialized)).isEqualTo(expected);
    }
}
