package dev.kinetic.autoscaler.scaling;

import static dev.kinetic.api.Knative.*;

import dev.kinetic.api.autoscaling.v1alpha1.AutoscalingAnnotations;
import dev.kinetic.autoscaler.config.KpaConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Everything {@link Decider} needs to know about one revision, resolved from {@code config-autoscaler}, the
 * PodAutoscaler's annotations, its containerConcurrency and its reachability (Knative's {@code DeciderSpec}, built
 * by {@code MakeDecider} and {@code ResolveMetricTarget}).
 *
 * @param metric {@code concurrency} or {@code rps}
 * @param targetValue the metric value per pod the decider aims at: {@code max(0.01, total × utilization)}
 * @param totalValue the metric value one pod can take at most (the burst-capacity arithmetic uses it)
 * @param targetBurstCapacity 0 (activator only at zero), &gt; 0, or -1 (activator always in the path)
 * @param panicThreshold desired/ready pods ratio at which panic starts: 2.0 for 200 %
 * @param maxScaleUpRate the most one decision multiplies the ready pods by
 * @param maxScaleDownRate the most one decision divides the ready pods by
 * @param stableWindowMillis the stable window; a panic ends a stable window after the load was last over threshold
 * @param panicWindowMillis the panic window (for the metric collection; the decider only gets its average)
 * @param scaleDownDelayMillis how long a lower desired scale must persist before it is applied; 0 = none
 * @param activationScale the least non-zero scale; 1 = none
 * @param activatorCapacity requests one activator is sized for
 * @param initialScale the scale a new revision starts at
 * @param reachable whether a route sends traffic here; an unreachable revision may drop to zero in one step
 */
public record DeciderSpec(
        String metric,
        double targetValue,
        double totalValue,
        double targetBurstCapacity,
        double panicThreshold,
        double maxScaleUpRate,
        double maxScaleDownRate,
        long stableWindowMillis,
        long panicWindowMillis,
        long scaleDownDelayMillis,
        int activationScale,
        double activatorCapacity,
        int initialScale,
        boolean reachable) {

    public static final String CONCURRENCY = AutoscalingAnnotations.METRIC_CONCURRENCY;
    public static final String RPS = AutoscalingAnnotations.METRIC_RPS;

    /** The shortest panic window: one metric bucket. */
    static final long MIN_PANIC_WINDOW_MILLIS = 1000;

    /**
     * The spec of a revision from config + the PodAutoscaler's annotations ({@code autoscaling.knative.dev/*}, legacy
     * camelCase aliases too) + its containerConcurrency + whether it is reachable. An annotation that does not parse
     * or is out of bounds is ignored in favour of the config value: the webhook rejects those, but a PodAutoscaler
     * written around it must still be scaled.
     */
    public static DeciderSpec resolve(
            KpaConfig config, Map<String, String> annotations, long containerConcurrency, boolean reachable) {
        String metric = Annotations.text(annotations, METRIC_ANNOTATION)
                .filter(RPS::equals)
                .orElse(CONCURRENCY);
        long cc = Math.max(0, containerConcurrency);

        double total;
        double utilization;
        if (RPS.equals(metric)) {
            total = config.rpsTargetDefault();
            utilization = KpaConfig.RPS_TARGET_UTILIZATION;
        } else {
            total = cc > 0 ? cc : config.containerConcurrencyTargetDefault();
            utilization = config.targetUtilization();
        }
        var target = Annotations.decimal(annotations, TARGET_ANNOTATION, KpaConfig.TARGET_MIN, Double.MAX_VALUE);
        if (target.isPresent()) {
            // The app cannot take more than containerConcurrency, whatever the annotation asks for.
            total = CONCURRENCY.equals(metric) && cc > 0 ? Math.min(target.getAsDouble(), cc) : target.getAsDouble();
        }
        var utilizationPct = Annotations.decimal(annotations, TARGET_UTILIZATION_ANNOTATION, 1, 100);
        if (utilizationPct.isPresent()) {
            utilization = utilizationPct.getAsDouble() / 100;
        }

        double tbc = Annotations.targetBurstCapacity(annotations).orElse(config.targetBurstCapacity());
        double panicThresholdPct = Annotations.decimal(
                        annotations,
                        PANIC_THRESHOLD_PERCENTAGE_ANNOTATION,
                        KpaConfig.PANIC_THRESHOLD_PERCENTAGE_MIN,
                        KpaConfig.PANIC_THRESHOLD_PERCENTAGE_MAX)
                .orElse(config.panicThresholdPercentage());
        double panicWindowPct = Annotations.decimal(
                        annotations,
                        PANIC_WINDOW_PERCENTAGE_ANNOTATION,
                        KpaConfig.PANIC_WINDOW_PERCENTAGE_MIN,
                        KpaConfig.PANIC_WINDOW_PERCENTAGE_MAX)
                .orElse(config.panicWindowPercentage());
        long stableWindow = Annotations.stableWindowMillis(config, annotations);
        long scaleDownDelay = Annotations.wholeSeconds(
                        annotations, SCALE_DOWN_DELAY_ANNOTATION, Duration.ZERO, KpaConfig.SCALE_DOWN_DELAY_MAX)
                .orElse(config.scaleDownDelay().toMillis());
        int activationScale = (int) Annotations.integer(annotations, ACTIVATION_SCALE_ANNOTATION, 1, Integer.MAX_VALUE)
                .orElse(1);

        return new DeciderSpec(
                metric,
                Math.max(KpaConfig.TARGET_MIN, total * utilization),
                total,
                tbc,
                panicThresholdPct / 100,
                config.maxScaleUpRate(),
                config.maxScaleDownRate(),
                stableWindow,
                panicWindowMillis(stableWindow, panicWindowPct),
                scaleDownDelay,
                activationScale,
                config.activatorCapacity(),
                Annotations.initialScale(config, annotations),
                reachable);
    }

    /**
     * The panic window: the percentage of the stable window, rounded to whole seconds (half away from zero, as Go's
     * {@code Duration.Round}), at least one second (Knative {@code MakeMetric}).
     */
    static long panicWindowMillis(long stableWindowMillis, double percentage) {
        long seconds = Math.round(stableWindowMillis * percentage / 100 / 1000);
        return Math.max(MIN_PANIC_WINDOW_MILLIS, seconds * 1000);
    }
}
