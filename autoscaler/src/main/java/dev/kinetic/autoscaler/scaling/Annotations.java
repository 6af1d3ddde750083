package dev.kinetic.autoscaler.scaling;

import static dev.kinetic.api.Knative.INITIAL_SCALE_ANNOTATION;
import static dev.kinetic.api.Knative.TARGET_BURST_CAPACITY_ANNOTATION;
import static dev.kinetic.api.Knative.WINDOW_ANNOTATION;

import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.autoscaling.v1alpha1.AutoscalingAnnotations;
import dev.kinetic.autoscaler.config.KpaConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads a PodAutoscaler's autoscaling annotations (canonical key or legacy camelCase alias) for the decider. The
 * webhook rejects values that do not parse or are out of bounds, but a PodAutoscaler may have been written around
 * it (or before a config change moved a bound), so here such a value is simply absent and the caller falls back to
 * {@code config-autoscaler}. The bounds are the webhook's ({@link AutoscalingAnnotations#validate}).
 */
final class Annotations {
    private Annotations() {}

    /** A finite number in [lo, hi]. */
    static OptionalDouble decimal(Map<String, String> annotations, String key, double lo, double hi) {
        Optional<String> text = text(annotations, key);
        if (text.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(text.get());
            return Double.isFinite(value) && value >= lo && value <= hi
                    ? OptionalDouble.of(value)
                    : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** An integer in [lo, hi]. */
    static OptionalLong integer(Map<String, String> annotations, String key, long lo, long hi) {
        Optional<String> text = text(annotations, key);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text.get());
            return value >= lo && value <= hi ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A Go duration of whole seconds in [lo, hi], in milliseconds. */
    static OptionalLong wholeSeconds(Map<String, String> annotations, String key, Duration lo, Duration hi) {
        Optional<Duration> d = text(annotations, key).flatMap(Durations::parseGo);
        return d.isPresent()
                        && d.get().getNano() == 0
                        && d.get().compareTo(lo) >= 0
                        && d.get().compareTo(hi) <= 0
                ? OptionalLong.of(d.get().toMillis())
                : OptionalLong.empty();
    }

    /** -1 or a finite number &ge; 0. */
    static OptionalDouble targetBurstCapacity(Map<String, String> annotations) {
        OptionalDouble tbc = decimal(annotations, TARGET_BURST_CAPACITY_ANNOTATION, -1, Double.MAX_VALUE);
        return tbc.isPresent() && tbc.getAsDouble() < 0 && tbc.getAsDouble() != -1 ? OptionalDouble.empty() : tbc;
    }

    /** The {@code window} annotation, else {@code stable-window}. */
    static long stableWindowMillis(KpaConfig config, Map<String, String> annotations) {
        return wholeSeconds(annotations, WINDOW_ANNOTATION, KpaConfig.WINDOW_MIN, KpaConfig.WINDOW_MAX)
                .orElse(config.stableWindow().toMillis());
    }

    /**
     * The {@code initial-scale} annotation, else the config's; an annotated 0 counts only with
     * {@code allow-zero-initial-scale} (Knative {@code GetInitialScale}).
     */
    static int initialScale(KpaConfig config, Map<String, String> annotations) {
        OptionalLong annotated = integer(annotations, INITIAL_SCALE_ANNOTATION, 0, Integer.MAX_VALUE);
        if (annotated.isEmpty() || (annotated.getAsLong() == 0 && !config.base().allowZeroInitialScale())) {
            return saturatedInt(config.base().initialScale());
        }
        return (int) annotated.getAsLong();
    }

    /** A config count as an int; {@code config-autoscaler} parses them as longs. */
    static int saturatedInt(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }

    static Optional<String> text(Map<String, String> annotations, String key) {
        return AutoscalingAnnotations.get(annotations, key)
                .map(AutoscalingAnnotations.Value::text)
                .map(String::trim);
    }
}
