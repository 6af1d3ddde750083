package dev.kinetic.autoscaler.scaling;

import java.util.function.Consumer;

/**
 * {@link DeciderSpec} fixtures built from small options, as Knative's tests do ({@code func(*DeciderSpec)}). The
 * base spec has round numbers: concurrency target 10 per pod, total 20, no target burst capacity (so EBC is 0 unless a
 * row is about it), panic at 200 %, Knative's rates, a 60 s stable window, reachable.
 */
final class Specs {
    private Specs() {}

    /** A mutable spec the options edit. */
    static final class Builder {
        String metric = DeciderSpec.CONCURRENCY;
        double target = 10;
        double total = 20;
        double tbc = 0;
        double panicThreshold = 2.0;
        double maxScaleUpRate = 1000;
        double maxScaleDownRate = 2;
        long stableWindowMillis = 60_000;
        long panicWindowMillis = 6_000;
        long scaleDownDelayMillis = 0;
        int activationScale = 1;
        double activatorCapacity = 100;
        int initialScale = 1;
        boolean reachable = true;

        DeciderSpec build() {
            return new DeciderSpec(
                    metric,
                    target,
                    total,
                    tbc,
                    panicThreshold,
                    maxScaleUpRate,
                    maxScaleDownRate,
                    stableWindowMillis,
                    panicWindowMillis,
                    scaleDownDelayMillis,
                    activationScale,
                    activatorCapacity,
                    initialScale,
                    reachable);
        }
    }

    interface Option extends Consumer<Builder> {}

    @SafeVarargs
    static DeciderSpec spec(Option... options) {
        Builder b = new Builder();
        for (Option o : options) {
            o.accept(b);
        }
        return b.build();
    }

    static Option withTarget(double target, double total) {
        return b -> {
            b.target = target;
            b.total = total;
        };
    }

    static Option withTbc(double tbc) {
        return b -> b.tbc = tbc;
    }

    static Option withMaxScaleUpRate(double rate) {
        return b -> b.maxScaleUpRate = rate;
    }

    static Option withMaxScaleDownRate(double rate) {
        return b -> b.maxScaleDownRate = rate;
    }

    static Option withPanicThreshold(double ratio) {
        return b -> b.panicThreshold = ratio;
    }

    static Option withScaleDownDelay(long seconds) {
        return b -> b.scaleDownDelayMillis = seconds * 1000;
    }

    static Option withActivationScale(int scale) {
        return b -> b.activationScale = scale;
    }

    static Option withInitialScale(int scale) {
        return b -> b.initialScale = scale;
    }

    static Option withActivatorCapacity(double capacity) {
        return b -> b.activatorCapacity = capacity;
    }

    static Option unreachable() {
        return b -> b.reachable = false;
    }
}
