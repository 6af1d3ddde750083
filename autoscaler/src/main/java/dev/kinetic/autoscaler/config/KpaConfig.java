package dev.kinetic.autoscaler.config;

import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

/**
 * The whole of {@code config-autoscaler} as the KPA reads it (Knative {@code pkg/autoscaler/config/config.go}). The
 * keys the webhook also needs (class, initial/min/max scale, max-scale-limit, enable-scale-to-zero) are parsed once,
 * by {@link AutoscalerConfig}, and carried here as {@link #base}; this record adds the algorithm's settings.
 *
 * @param base class, initial/min/max scale, max-scale-limit, allow-zero-initial-scale, enable-scale-to-zero
 * @param targetUtilization {@code container-concurrency-target-percentage} as a fraction in (0, 1] (0.70); the rps
 *     metric does not use it (Knative keeps rps utilization at a fixed 0.70, see {@link #RPS_TARGET_UTILIZATION})
 * @param containerConcurrencyTargetDefault the per-pod concurrency "total" when containerConcurrency is 0 (100)
 * @param rpsTargetDefault the per-pod rps "total" (200)
 * @param targetBurstCapacity spare capacity to keep before the activator leaves the path (211; 0 = only at zero; -1 =
 *     always in the path)
 * @param stableWindow the averaging window of the stable metric, [6s, 1h] in whole seconds (60s)
 * @param panicWindowPercentage the panic window as a percentage of the stable window, [1, 100] (10)
 * @param panicThresholdPercentage desired/ready pods at which panic starts, as a percentage, [110, 1000] (200)
 * @param maxScaleUpRate the most one decision may multiply the ready pods by, &gt; 1 (1000)
 * @param maxScaleDownRate the most one decision may divide the ready pods by, &gt; 1 (2)
 * @param scaleToZeroGracePeriod how long the activator gets to enter the path before the last pod goes, &gt; 0 (30s)
 * @param scaleToZeroPodRetentionPeriod how long the last pod stays after traffic stopped, &ge; 0 (0s)
 * @param activatorCapacity requests one activator is sized for when choosing how many activators a revision gets,
 *     &ge; 1 (100)
 * @param scaleDownDelay how long a lower desired scale must persist before it is applied, [0, 1h] in whole seconds
 *     (0s)
 */
public record KpaConfig(
        AutoscalerConfig base,
        double targetUtilization,
        double containerConcurrencyTargetDefault,
        double rpsTargetDefault,
        double targetBurstCapacity,
        Duration stableWindow,
        double panicWindowPercentage,
        double panicThresholdPercentage,
        double maxScaleUpRate,
        double maxScaleDownRate,
        Duration scaleToZeroGracePeriod,
        Duration scaleToZeroPodRetentionPeriod,
        double activatorCapacity,
        Duration scaleDownDelay) {

    public static final String NAME = AutoscalerConfig.NAME;

    /** The smallest per-pod target any metric may resolve to (Knative's {@code autoscaling.TargetMin}). */
    public static final double TARGET_MIN = 0.01;

    /** Knative's fixed utilization for the rps metric; no ConfigMap key changes it, only the revision annotation. */
    public static final double RPS_TARGET_UTILIZATION = 0.70;

    public static final Duration WINDOW_MIN = Duration.ofSeconds(6);
    public static final Duration WINDOW_MAX = Duration.ofHours(1);
    public static final double PANIC_WINDOW_PERCENTAGE_MIN = 1;
    public static final double PANIC_WINDOW_PERCENTAGE_MAX = 100;
    public static final double PANIC_THRESHOLD_PERCENTAGE_MIN = 110;
    public static final double PANIC_THRESHOLD_PERCENTAGE_MAX = 1000;
    public static final Duration SCALE_DOWN_DELAY_MAX = Duration.ofHours(1);

    private static final KpaConfig DEFAULTS = new KpaConfig(
            AutoscalerConfig.defaults(),
            0.70,
            100,
            200,
            211,
            Duration.ofSeconds(60),
            10,
            200,
            1000,
            2,
            Duration.ofSeconds(30),
            Duration.ZERO,
            100,
            Duration.ZERO);

    /** Knative's defaults, except target-burst-capacity: 211, not 200 (serving.md §2, issue #11926). */
    public static KpaConfig defaults() {
        return DEFAULTS;
    }

    /** The parsed config and every error found; on errors callers keep their last good config. */
    public record Parsed(KpaConfig config, Errors errors) {}

    /**
     * Parses and validates {@code config-autoscaler}'s data. Every bad key is reported, each error's path naming the
     * key; in the returned config a bad key has its default, so the config is usable even when there were errors.
     */
    public static Parsed fromMap(Map<String, String> data) {
        AutoscalerConfig.Parsed base = AutoscalerConfig.fromMap(data);
        ConfigValues v = new ConfigValues(data);
        KpaConfig d = DEFAULTS;

        // Knative accepts both 70 and 0.7: anything above 1 is a percentage.
        double percentage = v.decimal("container-concurrency-target-percentage", d.targetUtilization);
        double utilization = checked(
                v,
                "container-concurrency-target-percentage",
                percentage > 1 ? percentage / 100 : percentage,
                d.targetUtilization,
                x -> x > 0 && x <= 1,
                "expected a percentage in (0, 100], or a fraction in (0, 1]");
        double ccDefault = decimal(
                v,
                "container-concurrency-target-default",
                d.containerConcurrencyTargetDefault,
                x -> x >= TARGET_MIN,
                "expected >= " + TARGET_MIN);
        double rpsDefault = decimal(
                v,
                "requests-per-second-target-default",
                d.rpsTargetDefault,
                x -> x >= TARGET_MIN,
                "expected >= " + TARGET_MIN);
        double tbc = decimal(
                v,
                "target-burst-capacity",
                d.targetBurstCapacity,
                x -> x >= 0 || x == -1,
                "expected -1 (activator always in the path) or a number >= 0");
        Duration stableWindow = duration(
                v,
                "stable-window",
                d.stableWindow,
                w -> within(w, WINDOW_MIN, WINDOW_MAX) && wholeSeconds(w),
                "expected a whole number of seconds in [6s, 1h]");
        double panicWindowPct = decimal(
                v,
                "panic-window-percentage",
                d.panicWindowPercentage,
                x -> x >= PANIC_WINDOW_PERCENTAGE_MIN && x <= PANIC_WINDOW_PERCENTAGE_MAX,
                "expected a percentage in [1, 100]");
        double panicThresholdPct = decimal(
                v,
                "panic-threshold-percentage",
                d.panicThresholdPercentage,
                x -> x >= PANIC_THRESHOLD_PERCENTAGE_MIN && x <= PANIC_THRESHOLD_PERCENTAGE_MAX,
                "expected a percentage in [110, 1000]");
        double upRate = decimal(v, "max-scale-up-rate", d.maxScaleUpRate, x -> x > 1, "expected > 1");
        double downRate = decimal(v, "max-scale-down-rate", d.maxScaleDownRate, x -> x > 1, "expected > 1");
        Duration grace = duration(
                v,
                "scale-to-zero-grace-period",
                d.scaleToZeroGracePeriod,
                g -> !g.isNegative() && !g.isZero(),
                "expected a positive duration");
        Duration retention = duration(
                v,
                "scale-to-zero-pod-retention-period",
                d.scaleToZeroPodRetentionPeriod,
                r -> !r.isNegative(),
                "expected a non-negative duration");
        double activatorCapacity = decimal(v, "activator-capacity", d.activatorCapacity, x -> x >= 1, "expected >= 1");
        Duration scaleDownDelay = duration(
                v,
                "scale-down-delay",
                d.scaleDownDelay,
                s -> within(s, Duration.ZERO, SCALE_DOWN_DELAY_MAX) && wholeSeconds(s),
                "expected a whole number of seconds in [0s, 1h]");

        KpaConfig config = new KpaConfig(
                base.config(),
                utilization,
                ccDefault,
                rpsDefault,
                tbc,
                stableWindow,
                panicWindowPct,
                panicThresholdPct,
                upRate,
                downRate,
                grace,
                retention,
                activatorCapacity,
                scaleDownDelay);
        return new Parsed(config, Errors.none().addAll(base.errors()).addAll(v.errors()));
    }

    private static double decimal(ConfigValues v, String key, double fallback, DoublePredicate ok, String expected) {
        return checked(v, key, v.decimal(key, fallback), fallback, ok, expected);
    }

    /** {@code value} when finite and {@code ok}; otherwise an error for {@code key} and the default. */
    private static double checked(
            ConfigValues v, String key, double value, double fallback, DoublePredicate ok, String expected) {
        boolean valid = Double.isFinite(value) && ok.test(value);
        v.check(valid, key, expected);
        return valid ? value : fallback;
    }

    private static Duration duration(
            ConfigValues v, String key, Duration fallback, Predicate<Duration> ok, String expected) {
        Duration value = v.duration(key, fallback);
        boolean valid = ok.test(value);
        v.check(valid, key, expected);
        return valid ? value : fallback;
    }

    private static boolean within(Duration d, Duration lo, Duration hi) {
        return d.compareTo(lo) >= 0 && d.compareTo(hi) <= 0;
    }

    private static boolean wholeSeconds(Duration d) {
        return d.getNano() == 0;
    }
}
