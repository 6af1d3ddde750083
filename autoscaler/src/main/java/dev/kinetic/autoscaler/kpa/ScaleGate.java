package dev.kinetic.autoscaler.kpa;

import dev.kinetic.autoscaler.scaling.ScaleBounds;
import java.util.function.BooleanSupplier;

/**
 * What the KPA reconciler does with a decider's desired scale (Knative {@code pkg/reconciler/autoscaling/kpa/scaler.go}
 * {@code scale} and {@code handleScaleToZero}): the min/max bounds (min raised to initial-scale until the scale target
 * first reached it), then the scale-to-zero gate. Zero is applied only with scale to zero enabled; a revision active
 * for less than its stable window is held at one pod; an active one is first marked inactive (so its
 * ServerlessService goes to Proxy mode); an inactive one goes to zero once the activator is verified in its path and
 * it has been inactive for {@code max(grace, retention)}, or retention is satisfied and the ServerlessService has
 * been in Proxy mode for the grace period. An activation that has not succeeded within the progress deadline + 30 s
 * gives up and goes to zero. Pure, apart from the activator probe it is handed.
 */
public final class ScaleGate {
    private ScaleGate() {}

    /** Knative's buffer on top of the progress deadline before an activation counts as failed. */
    public static final long ACTIVATION_TIMEOUT_BUFFER_MILLIS = 30_000;
    /** How soon to look again while the ServerlessService is already in Proxy mode. */
    static final long PROXY_RECHECK_MILLIS = 3_000;
    /** How soon to probe again when the activator is not (yet) in the path. */
    static final long PROBE_RECHECK_MILLIS = 1_000;

    /** The PodAutoscaler's {@code Active} condition. */
    public enum Activity {
        /** Unknown: pods are coming up (or nothing is known yet). */
        ACTIVATING,
        ACTIVE,
        INACTIVE
    }

    /**
     * The facts the gate reads.
     *
     * @param desiredScale the decider's desired scale (−1: unknown)
     * @param bounds the revision's bounds and timings
     * @param scaleTargetInitialized whether the Deployment reached initial scale once
     * @param activity the Active condition's status
     * @param activitySinceMillis when it last changed
     * @param proxySinceMillis since when the ServerlessService has had the activator in the path, −1 if not
     * @param activatorAlwaysInPath target-burst-capacity −1: no probe needed
     * @param activationTimeoutMillis progress deadline + 30 s
     * @param nowMillis now
     */
    public record Input(
            int desiredScale,
            ScaleBounds bounds,
            boolean scaleTargetInitialized,
            Activity activity,
            long activitySinceMillis,
            long proxySinceMillis,
            boolean activatorAlwaysInPath,
            long activationTimeoutMillis,
            long nowMillis) {}

    /**
     * The outcome.
     *
     * @param want the scale to report (and apply when {@code apply}); −1 unknown
     * @param apply whether the Deployment's replicas should be set to {@code want}
     * @param requeueAfterMillis when to reconcile again to move on, or −1
     * @param activationTimedOut whether an activation just gave up (the PA is marked inactive, TimedOut)
     */
    public record Outcome(int want, boolean apply, long requeueAfterMillis, boolean activationTimedOut) {
        static Outcome apply(int want) {
            return new Outcome(want, true, -1, false);
        }

        static Outcome hold(int want, long requeueAfterMillis) {
            return new Outcome(want, false, requeueAfterMillis, false);
        }
    }

    /**
     * @param activatorProbe asked only when an inactive revision could go to zero: whether the activator answers
     *     in the revision's path
     */
    public static Outcome decide(Input in, BooleanSupplier activatorProbe) {
        int desired = in.desiredScale();
        if (desired < 0 && in.activity() != Activity.ACTIVATING) {
            // Metrics are not being collected yet: leave the scale as it is.
            return Outcome.hold(desired, -1);
        }
        int min = in.bounds().min();
        int initial = in.bounds().initial();
        if (initial > 1 && !in.scaleTargetInitialized()) {
            min = Math.max(min, initial);
        }
        desired = applyBounds(min, in.bounds().max(), desired);
        if (desired != 0) {
            return Outcome.apply(desired);
        }
        if (!in.bounds().enableScaleToZero()) {
            return Outcome.apply(1);
        }
        long since = in.nowMillis() - in.activitySinceMillis();
        switch (in.activity()) {
            case ACTIVATING -> {
                if (since >= in.activationTimeoutMillis()) {
                    return new Outcome(0, true, -1, true);
                }
                return Outcome.hold(-1, in.activationTimeoutMillis() - since);
            }
            case ACTIVE -> {
                long stable = in.bounds().stableWindowMillis();
                if (since >= stable) {
                    // Mark inactive first; the ServerlessService then moves to Proxy and we come back.
                    return Outcome.hold(0, in.proxySinceMillis() >= 0 ? PROXY_RECHECK_MILLIS : -1);
                }
                return new Outcome(1, true, stable - since, false);
            }
            default -> {
                return inactive(in, since, activatorProbe);
            }
        }
    }

    private static Outcome inactive(Input in, long inactiveFor, BooleanSupplier activatorProbe) {
        if (!in.activatorAlwaysInPath() && !activatorProbe.getAsBoolean()) {
            return Outcome.hold(0, PROBE_RECHECK_MILLIS);
        }
        long grace = in.bounds().scaleToZeroGracePeriodMillis();
        long retention = in.bounds().podRetentionMillis();
        if (inactiveFor >= Math.max(grace, retention)) {
            return Outcome.apply(0);
        }
        if (retention > 0 && inactiveFor < retention) {
            return Outcome.hold(0, retention - inactiveFor);
        }
        long proxyFor = in.proxySinceMillis() < 0 ? 0 : in.nowMillis() - in.proxySinceMillis();
        long left = grace - proxyFor;
        if (left <= 0) {
            return Outcome.apply(0);
        }
        return Outcome.hold(0, left);
    }

    /** {@code x} within [min, max] (max 0: unbounded). */
    static int applyBounds(int min, int max, int x) {
        if (x < min) {
            return min;
        }
        if (max > 0 && x > max) {
            return max;
        }
        return x;
    }

    /**
     * The fewest ready pods that make the PodAutoscaler Active: max(min, 1), or max(min, initial-scale) before the
     * scale target was first initialized.
     */
    public static int activeThreshold(ScaleBounds bounds, boolean scaleTargetInitialized) {
        return scaleTargetInitialized ? Math.max(bounds.min(), 1) : Math.max(bounds.min(), bounds.initial());
    }
}
