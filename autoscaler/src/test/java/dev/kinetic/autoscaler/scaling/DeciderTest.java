package dev.kinetic.autoscaler.scaling;

import static dev.kinetic.autoscaler.scaling.Specs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decider, table-driven (Knative {@code autoscaler_test.go}): each row is a spec, a starting decider and a
 * sequence of ticks (time, stable average, panic average, ready pods); it checks the desired scale after every tick
 * and, where the row is about them, panic mode, excess burst capacity and activators after the last one.
 */
class DeciderTest {
    /** An arbitrary epoch so that no row depends on time starting at 0. */
    static final long T0 = 1_700_000_000_000L;

    record Tick(long second, Observation observation) {}

    /** One scenario, built fluently. */
    static final class Row {
        final String name;
        DeciderSpec spec = Specs.spec();
        Integer restartedWithReadyPods;
        final List<Tick> ticks = new ArrayList<>();
        int[] wants = new int[0];
        Boolean panicking;
        Long ebc;
        Integer activators;

        Row(String name) {
            this.name = name;
        }

        Row spec(Option... options) {
            spec = Specs.spec(options);
            return this;
        }

        /** The decider is created at T0 with this many ready pods (default: a new revision, no pods). */
        Row restartedWith(int readyPods) {
            restartedWithReadyPods = readyPods;
            return this;
        }

        Row tick(long second, double stable, double panic, int readyPods) {
            ticks.add(new Tick(second, Observation.of(stable, panic, readyPods)));
            return this;
        }

        Row noData(long second) {
            ticks.add(new Tick(second, Observation.NO_DATA));
            return this;
        }

        /** The desired scale after each tick. */
        Row wants(int... desired) {
            wants = desired;
            return this;
        }

        Row panicking(boolean p) {
            panicking = p;
            return this;
        }

        Row ebc(long e, int numActivators) {
            ebc = e;
            activators = numActivators;
            return this;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name) {
        return new Row(name);
    }

    static Stream<Row> rows() {
        return Stream.of(
                // No data.
                row("no data: no decision, the desired scale stays unknown")
                        .noData(0)
                        .wants(-1),
                row("no data after a decision keeps that decision")
                        .tick(0, 50, 50, 5)
                        .noData(2)
                        .wants(5, 5),
                row("a non-finite average is no data")
                        .tick(0, Double.NaN, 10, 1)
                        .wants(-1),

                // Steady state and stable-mode scaling.
                row("steady load at target keeps the pods")
                        .tick(0, 50, 50, 5)
                        .wants(5)
                        .panicking(false),
                row("load a little over target adds a pod").tick(0, 51, 51, 5).wants(6),
                row("load a little under target keeps the pods")
                        .tick(0, 49.5, 49.5, 5)
                        .wants(5),
                row("steady over many ticks stays put")
                        .tick(0, 50, 50, 5)
                        .tick(2, 50, 50, 5)
                        .tick(4, 50, 50, 5)
                        .wants(5, 5, 5),
                row("scale from zero: one request brings one pod")
                        .tick(0, 1, 1, 0)
                        .wants(1)
                        .panicking(false),
                row("zero ready pods count as one for the rate limits")
                        .tick(0, 100, 100, 0)
                        .wants(10),

                // Rate limits.
                row("scale up limited by max-scale-up-rate")
                        .spec(withMaxScaleUpRate(2))
                        .tick(0, 100, 100, 3)
                        .wants(6),
                row("max-scale-up-rate rounds up, so a slow rate still adds a pod")
                        .spec(withMaxScaleUpRate(1.1))
                        .tick(0, 30, 30, 2)
                        .wants(3),
                row("idle: scale down limited to half the ready pods")
                        .tick(0, 0, 0, 10)
                        .wants(5),
                row("low load: scale down limited to half").tick(0, 20, 20, 10).wants(5),
                row("scale down within the limit goes to the need")
                        .tick(0, 60, 60, 10)
                        .wants(6),
                row("max-scale-down-rate 4 allows a quarter")
                        .spec(withMaxScaleDownRate(4))
                        .tick(0, 0, 0, 10)
                        .wants(2),
                row("an idle revision halves tick by tick")
                        .tick(0, 0, 0, 8)
                        .tick(2, 0, 0, 4)
                        .tick(4, 0, 0, 2)
                        .tick(6, 0, 0, 1)
                        .wants(4, 2, 1, 0),
                row("an unreachable revision drops to zero at once")
                        .spec(unreachable())
                        .tick(0, 0, 0, 10)
                        .wants(0),
                row("an unreachable revision under load still scales to the need")
                        .spec(unreachable())
                        .tick(0, 30, 30, 10)
                        .wants(3),

                // Panic.
                row("panic entry at 200 %: the larger of stable and panic")
                        .tick(0, 20, 40, 2)
                        .wants(4)
                        .panicking(true),
                row("panic threshold on the rounded-up panic pods: 39 at target 10 is 4 pods, 200 % of 2")
                        .tick(0, 20, 39, 2)
                        .wants(4)
                        .panicking(true),
                row("150 % does not panic").tick(0, 20, 30, 2).wants(2).panicking(false),
                row("panic threshold 300 %: 250 % does not panic")
                        .spec(withPanicThreshold(3))
                        .tick(0, 20, 50, 2)
                        .wants(2)
                        .panicking(false),
                row("stable above panic while panicking: stable wins")
                        .tick(0, 100, 40, 2)
                        .wants(10)
                        .panicking(true),
                row("ratchet: while panicking the scale never goes down")
                        .tick(0, 20, 80, 2)
                        .tick(2, 20, 20, 8)
                        .tick(4, 0, 0, 8)
                        .wants(8, 8, 8)
                        .panicking(true),
                row("ratchet: while panicking the scale still goes up")
                        .tick(0, 20, 80, 2)
                        .tick(2, 20, 200, 8)
                        .wants(8, 20)
                        .panicking(true),
                row("panic ends only once a stable window passed without a crossing")
                        .tick(0, 20, 80, 2)
                        .tick(59, 20, 20, 8)
                        .tick(60, 20, 20, 8)
                        .tick(61, 20, 20, 8)
                        .wants(8, 8, 8, 4)
                        .panicking(false),
                row("a crossing while panicking restarts the stable window")
                        .tick(0, 20, 80, 2)
                        .tick(30, 20, 200, 8)
                        .tick(61, 20, 20, 20)
                        .tick(91, 20, 20, 20)
                        .wants(8, 20, 20, 10)
                        .panicking(false),
                row("leaving panic forgets the ratchet: the next panic starts from its own need")
                        .tick(0, 20, 80, 2)
                        .tick(61, 20, 20, 8)
                        .tick(63, 20, 40, 2)
                        .wants(8, 4, 4)
                        .panicking(true),

                // A new decider.
                row("a new decider with more than one ready pod starts in panic and holds them")
                        .restartedWith(5)
                        .tick(2, 0, 0, 5)
                        .wants(5)
                        .panicking(true),
                row("a new decider's panic ends a stable window after its creation")
                        .restartedWith(5)
                        .tick(30, 0, 0, 5)
                        .tick(61, 0, 0, 5)
                        .wants(5, 2)
                        .panicking(false),
                row("a new decider with one ready pod starts calm")
                        .restartedWith(1)
                        .tick(2, 0, 0, 1)
                        .wants(0)
                        .panicking(false),

                // Scale-down delay.
                row("scale-down-delay holds the highest decision of the delay window")
                        .spec(withScaleDownDelay(60))
                        .tick(0, 100, 100, 10)
                        .tick(2, 50, 50, 10)
                        .tick(59, 50, 50, 10)
                        .wants(10, 10, 10),
                row("scale-down-delay lets go once the high decision left the window")
                        .spec(withScaleDownDelay(60))
                        .tick(0, 100, 100, 10)
                        .tick(2, 50, 50, 10)
                        .tick(60, 50, 50, 10)
                        .tick(62, 30, 30, 10)
                        .wants(10, 10, 5, 5),
                row("scale-down-delay steps down through the window's maxima")
                        .spec(withScaleDownDelay(10))
                        .tick(0, 80, 80, 8)
                        .tick(4, 60, 60, 8)
                        .tick(8, 40, 40, 8)
                        .tick(10, 40, 40, 8)
                        .tick(14, 40, 40, 8)
                        .tick(18, 40, 40, 8)
                        .wants(8, 8, 8, 6, 4, 4),
                row("scale-down-delay never delays a scale-up")
                        .spec(withScaleDownDelay(60))
                        .tick(0, 50, 50, 5)
                        .tick(2, 90, 90, 5)
                        .wants(5, 9),
                row("scale-down-delay does not hold an unreachable revision")
                        .spec(withScaleDownDelay(60), unreachable())
                        .tick(0, 100, 100, 10)
                        .tick(2, 0, 0, 10)
                        .wants(10, 0),

                // Activation scale.
                row("activation-scale raises a non-zero scale")
                        .spec(withActivationScale(3))
                        .tick(0, 1, 1, 0)
                        .wants(3),
                row("activation-scale leaves zero at zero")
                        .spec(withActivationScale(3), unreachable())
                        .tick(0, 0, 0, 3)
                        .wants(0),
                row("activation-scale does not raise a scale-down floor when nothing is wanted")
                        .spec(withActivationScale(3))
                        .tick(0, 0, 0, 3)
                        .wants(1),
                row("activation-scale below the need changes nothing")
                        .spec(withActivationScale(2))
                        .tick(0, 50, 50, 5)
                        .wants(5),

                // Initial decision.
                row("initial: desired unknown, EBC from initial-scale × total − TBC")
                        .spec(withInitialScale(3), withTbc(50))
                        .ebc(10, 2),
                row("initial: TBC 211 with default-like numbers is negative")
                        .spec(withTarget(70, 100), withTbc(211))
                        .ebc(-111, 3),
                row("initial: TBC 0 gives EBC 0").spec(withInitialScale(5)).ebc(0, 2),
                row("initial: TBC -1 gives EBC -1")
                        .spec(withTbc(-1), withInitialScale(5))
                        .ebc(-1, 2),

                // Excess burst capacity and activators.
                row("TBC 211: EBC = ready × total − TBC − panic; activators for capacity + TBC")
                        .spec(withTarget(70, 100), withTbc(211))
                        .tick(0, 50, 50, 3)
                        .wants(1)
                        .ebc(39, 6),
                row("TBC 211 with no ready pods: negative EBC, activators for the TBC alone")
                        .spec(withTarget(70, 100), withTbc(211))
                        .tick(0, 1, 1, 0)
                        .wants(1)
                        .ebc(-212, 3),
                row("TBC 0: EBC 0 and the minimum of activators, whatever the capacity")
                        .spec(withTarget(70, 100), withTbc(0))
                        .tick(0, 3500, 3500, 50)
                        .wants(50)
                        .ebc(0, 2),
                row("TBC -1: EBC -1, activators for the pods' capacity")
                        .spec(withTarget(70, 100), withTbc(-1))
                        .tick(0, 3500, 3500, 50)
                        .wants(50)
                        .ebc(-1, 50),
                row("TBC -1 with one pod: the minimum of activators")
                        .spec(withTarget(70, 100), withTbc(-1))
                        .tick(0, 70, 70, 1)
                        .wants(1)
                        .ebc(-1, 2),
                row("fractional totals: EBC is floored")
                        .spec(withTarget(10, 14.2857), withTbc(10.5))
                        .tick(0, 3.3, 3.3, 2)
                        .wants(1)
                        .ebc(14, 2),
                row("activator capacity 10 needs more activators")
                        .spec(withTarget(70, 100), withTbc(211), withActivatorCapacity(10))
                        .tick(0, 50, 50, 3)
                        .wants(1)
                        .ebc(39, 52));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        int readyAtStart = row.restartedWithReadyPods == null ? 0 : row.restartedWithReadyPods;
        Decision d = Decider.initial(row.spec, readyAtStart, T0);
        if (row.ticks.isEmpty()) {
            assertThat(d.desiredScale()).isEqualTo(Decision.UNKNOWN);
        }
        List<Integer> desired = new ArrayList<>();
        for (Tick t : row.ticks) {
            d = Decider.decide(row.spec, t.observation(), d, T0 + t.second() * 1000);
            desired.add(d.desiredScale());
        }
        assertThat(desired).as("desired scale after each tick").containsExactly(boxed(row.wants));
        if (row.panicking != null) {
            assertThat(d.panicking()).as("panicking").isEqualTo(row.panicking);
        }
        if (row.ebc != null) {
            assertThat(d.excessBurstCapacity()).as("excess burst capacity").isEqualTo(row.ebc);
            assertThat(d.numActivators()).as("activators").isEqualTo(row.activators);
        }
    }

    private static Integer[] boxed(int[] values) {
        return Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    @Test
    void noDataReturnsThePreviousDecisionItself() {
        DeciderSpec spec = Specs.spec();
        Decision previous = Decider.decide(spec, Observation.of(50, 50, 5), Decider.initial(spec, 5, T0), T0 + 2000);
        assertThat(Decider.decide(spec, Observation.NO_DATA, previous, T0 + 4000))
                .isSameAs(previous);
    }

    @Test
    void calmStateIsSharedNotReallocated() {
        DeciderSpec spec = Specs.spec();
        Decision d = Decider.initial(spec, 1, T0);
        for (int i = 1; i <= 5; i++) {
            d = Decider.decide(spec, Observation.of(50, 50, 5), d, T0 + i * 2000L);
            assertThat(d.state()).isSameAs(DeciderState.CALM);
        }
    }

    @Test
    void restartedDeciderRemembersWhenItStartedPanicking() {
        Decision d = Decider.initial(spec(), 4, T0);
        assertThat(d.state()).isEqualTo(new DeciderState(true, T0, 4, DelayWindow.EMPTY));
        assertThat(d.desiredScale()).isEqualTo(Decision.UNKNOWN);
    }

    @Test
    void delayWindowIsDroppedWhenTheDelayIsRemoved() {
        DeciderSpec delayed = spec(withScaleDownDelay(60));
        Decision d = Decider.decide(delayed, Observation.of(100, 100, 10), Decider.initial(delayed, 0, T0), T0);
        assertThat(d.state().scaleDownWindow().isEmpty()).isFalse();
        d = Decider.decide(spec(), Observation.of(50, 50, 10), d, T0 + 2000);
        assertThat(d.desiredScale()).isEqualTo(5);
        assertThat(d.state()).isSameAs(DeciderState.CALM);
    }
}
