package dev.kinetic.autoscaler.scaling;

/**
 * The KPA's decision for one revision (Knative {@code pkg/autoscaler/scaling/autoscaler.go}, serving.md §3): a pure
 * function of the revision's spec, what was observed, the previous decision and the time. No clock, no logger, no
 * shared state; the caller keeps each revision's last {@link Decision} and passes it back in.
 */
public final class Decider {
    /** The fewest activators a revision is routed through. */
    public static final int MIN_ACTIVATORS = 2;

    private Decider() {}

    /**
     * A new decider, after a PodAutoscaler appears or the autoscaler restarts. The desired scale is unknown; the
     * excess burst capacity is what {@code initialScale} pods would leave ({@code initialScale × total − TBC}; 0 and
     * -1 for a TBC of 0 and -1). With more than one ready pod it starts panicking, holding the current pods: the
     * metric history was lost, and without it the first decisions would scale down a revision under load.
     */
    public static Decision initial(DeciderSpec spec, int readyPods, long nowMillis) {
        int ready = Math.max(0, readyPods);
        double tbc = spec.targetBurstCapacity();
        // Go's int32(float64) truncates toward zero, as the cast does.
        long ebc = tbc > 0 ? (long) (spec.initialScale() * spec.totalValue() - tbc) : (tbc == 0 ? 0 : -1);
        DeciderState state = ready > 1 ? DeciderState.panicking(nowMillis, ready) : DeciderState.CALM;
        return new Decision(Decision.UNKNOWN, ebc, numActivators(spec, ready), state);
    }

    /**
     * The next decision. Without data (or with a non-finite average, which no collector should produce) there is no
     * decision: {@code previous} is returned as it is.
     */
    public static Decision decide(DeciderSpec spec, Observation observation, Decision previous, long nowMillis) {
        double stable = observation.stable();
        double panic = observation.panic();
        if (!observation.hasData() || !Double.isFinite(stable) || !Double.isFinite(panic)) {
            return previous;
        }
        int readyPods = Math.max(0, observation.readyPods());
        double ready = Math.max(1, readyPods);

        // The rate limits: ceil lets a conservative up-rate still add a pod; an unreachable revision may go to zero
        // in one step since no traffic is coming.
        double maxUp = Math.ceil(spec.maxScaleUpRate() * ready);
        double maxDown = spec.reachable() ? Math.floor(ready / spec.maxScaleDownRate()) : 0;
        double stablePods = Math.ceil(stable / spec.targetValue());
        double panicPods = Math.ceil(panic / spec.targetValue());
        int desiredStable = (int) Math.min(Math.max(stablePods, maxDown), maxUp);
        int desiredPanic = (int) Math.min(Math.max(panicPods, maxDown), maxUp);
        int activation = spec.activationScale();
        if (activation > 1) {
            if (stablePods > 0 && activation > desiredStable) {
                desiredStable = activation;
            }
            if (panicPods > 0 && activation > desiredPanic) {
                desiredPanic = activation;
            }
        }

        DeciderState before = previous.state();
        boolean panicking = before.panicking();
        long panicTime = before.panicTimeMillis();
        int maxPanicPods = before.maxPanicPods();
        if (panicPods / ready >= spec.panicThreshold()) {
            panicking = true;
            panicTime = nowMillis;
        } else if (panicking && panicTime + spec.stableWindowMillis() < nowMillis) {
            // The surge has had a whole stable window to reach the stable average.
            panicking = false;
            panicTime = 0;
            maxPanicPods = 0;
        }

        int want = desiredStable;
        if (panicking) {
            // Provision for the larger of the two, and never scale down while panicking.
            maxPanicPods = Math.max(maxPanicPods, Math.max(desiredStable, desiredPanic));
            want = maxPanicPods;
        }

        DelayWindow window = DelayWindow.EMPTY;
        if (spec.reachable() && spec.scaleDownDelayMillis() > 0) {
            window = before.scaleDownWindow().record(nowMillis, want, spec.scaleDownDelayMillis());
            want = window.max();
        }

        double tbc = spec.targetBurstCapacity();
        long ebc = tbc > 0 ? (long) Math.floor(readyPods * spec.totalValue() - tbc - panic) : (tbc == 0 ? 0 : -1);
        return new Decision(
                want, ebc, numActivators(spec, readyPods), state(before, panicking, panicTime, maxPanicPods, window));
    }

    /**
     * How many activators the revision needs (Knative {@code Scale}'s numActivators): enough for the ready pods'
     * capacity plus the target burst capacity; with TBC -1 (activator always in the path) for the pods' capacity;
     * with TBC 0 the activator only serves a revision at zero, and the minimum is enough.
     */
    static int numActivators(DeciderSpec spec, int readyPods) {
        double tbc = spec.targetBurstCapacity();
        if (tbc != -1 && tbc <= 0) {
            return MIN_ACTIVATORS;
        }
        double capacity = readyPods * spec.totalValue() + Math.max(0, tbc);
        return (int) Math.max(MIN_ACTIVATORS, Math.ceil(capacity / spec.activatorCapacity()));
    }

    /** The next state, reusing the previous (or the shared calm) instance when nothing changed. */
    private static DeciderState state(
            DeciderState before, boolean panicking, long panicTime, int maxPanicPods, DelayWindow window) {
        if (before.panicking() == panicking
                && before.panicTimeMillis() == panicTime
                && before.maxPanicPods() == maxPanicPods
                && before.scaleDownWindow() == window) {
            return before;
        }
        if (!panicking && window.isEmpty()) {
            return DeciderState.CALM;
        }
        return new DeciderState(panicking, panicTime, maxPanicPods, window);
    }
}
