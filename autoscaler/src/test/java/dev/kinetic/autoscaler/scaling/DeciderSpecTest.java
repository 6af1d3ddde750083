package dev.kinetic.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.kinetic.autoscaler.config.KpaConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Target resolution and the rest of the decider's spec (Knative {@code ResolveMetricTarget}, {@code MakeDecider}). */
class DeciderSpecTest {

    /** {@code config-autoscaler} from key/value pairs; the pairs must be valid. */
    static KpaConfig config(String... pairs) {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(pairs(pairs, ""));
        assertThat(parsed.errors().list()).isEmpty();
        return parsed.config();
    }

    /** Autoscaling annotations from short-key/value pairs: {@code ann("target", "50")}. */
    static Map<String, String> ann(String... pairs) {
        return pairs(pairs, "autoscaling.knative.dev/");
    }

    private static Map<String, String> pairs(String[] pairs, String prefix) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(prefix + pairs[i], pairs[i + 1]);
        }
        return m;
    }

    record Row(
            String name,
            KpaConfig config,
            Map<String, String> annotations,
            long containerConcurrency,
            boolean reachable,
            Function<DeciderSpec, Object> field,
            Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Map<String, String> annotations, long cc, Function<DeciderSpec, Object> f, Object v) {
        return new Row(name, KpaConfig.defaults(), annotations, cc, true, f, v);
    }

    static Row row(
            String name, KpaConfig config, Map<String, String> annotations, Function<DeciderSpec, Object> f, Object v) {
        return new Row(name, config, annotations, 0, true, f, v);
    }

    static final Function<DeciderSpec, Object> TARGET = DeciderSpec::targetValue;
    static final Function<DeciderSpec, Object> TOTAL = DeciderSpec::totalValue;
    static final Function<DeciderSpec, Object> TBC = DeciderSpec::targetBurstCapacity;
    static final Function<DeciderSpec, Object> PANIC = DeciderSpec::panicThreshold;
    static final Function<DeciderSpec, Object> STABLE = DeciderSpec::stableWindowMillis;
    static final Function<DeciderSpec, Object> PANIC_WINDOW = DeciderSpec::panicWindowMillis;
    static final Function<DeciderSpec, Object> DELAY = DeciderSpec::scaleDownDelayMillis;
    static final Function<DeciderSpec, Object> ACTIVATION = DeciderSpec::activationScale;
    static final Function<DeciderSpec, Object> INITIAL = DeciderSpec::initialScale;
    static final Function<DeciderSpec, Object> METRIC = DeciderSpec::metric;

    static Stream<Row> rows() {
        return Stream.of(
                // Concurrency target.
                row("containerConcurrency 0: the default total of 100 at 70 %", ann(), 0, TARGET, 70.0),
                row("containerConcurrency 0: total 100", ann(), 0, TOTAL, 100.0),
                row("target from containerConcurrency 10", ann(), 10, TARGET, 7.0),
                row("total is containerConcurrency", ann(), 10, TOTAL, 10.0),
                row("target annotation without containerConcurrency", ann("target", "50"), 0, TARGET, 35.0),
                row("target annotation is capped at containerConcurrency", ann("target", "50"), 10, TOTAL, 10.0),
                row("target annotation below containerConcurrency", ann("target", "5"), 10, TARGET, 3.5),
                row("target-utilization-percentage", ann("target-utilization-percentage", "50"), 10, TARGET, 5.0),
                row("legacy targetUtilizationPercentage", ann("targetUtilizationPercentage", "50"), 10, TARGET, 5.0),
                row(
                        "utilization 100 % aims at the total",
                        ann("target-utilization-percentage", "100"), 0, TARGET, 100.0),
                row(
                        "config container-concurrency-target-percentage",
                        config("container-concurrency-target-percentage", "80"),
                        ann(),
                        TARGET,
                        80.0),
                row(
                        "config container-concurrency-target-default",
                        config("container-concurrency-target-default", "50"),
                        ann(),
                        TARGET,
                        35.0),
                row(
                        "the target never goes below 0.01",
                        ann("target", "0.01", "target-utilization-percentage", "1"),
                        0,
                        TARGET,
                        0.01),
                row("unparseable target: the config's", ann("target", "lots"), 0, TARGET, 70.0),
                row("target below 0.01: the config's", ann("target", "0.001"), 0, TARGET, 70.0),
                row("utilization 0 %: the config's", ann("target-utilization-percentage", "0"), 0, TARGET, 70.0),
                row("utilization 101 %: the config's", ann("target-utilization-percentage", "101"), 0, TARGET, 70.0),

                // rps.
                row("rps: 200 at 70 % is 140", ann("metric", "rps"), 0, TARGET, 140.0),
                row("rps: total 200", ann("metric", "rps"), 10, TOTAL, 200.0),
                row(
                        "rps: target annotation is not capped at cc",
                        ann("metric", "rps", "target", "100"),
                        10,
                        TARGET,
                        70.0),
                row(
                        "rps ignores container-concurrency-target-percentage",
                        config("container-concurrency-target-percentage", "50"),
                        ann("metric", "rps"),
                        TARGET,
                        140.0),
                row(
                        "rps: requests-per-second-target-default",
                        config("requests-per-second-target-default", "100"),
                        ann("metric", "rps"),
                        TARGET,
                        70.0),
                row(
                        "rps: target-utilization-percentage",
                        ann("metric", "rps", "target-utilization-percentage", "50"),
                        0,
                        TARGET,
                        100.0),
                row("metric rps", ann("metric", "rps"), 0, METRIC, "rps"),
                row("no metric: concurrency", ann(), 0, METRIC, "concurrency"),
                row("an HPA metric on a KPA decider: concurrency", ann("metric", "cpu"), 0, METRIC, "concurrency"),

                // Target burst capacity.
                row("TBC default 211", ann(), 0, TBC, 211.0),
                row("TBC annotation 0", ann("target-burst-capacity", "0"), 0, TBC, 0.0),
                row("TBC annotation -1", ann("target-burst-capacity", "-1"), 0, TBC, -1.0),
                row("legacy targetBurstCapacity", ann("targetBurstCapacity", "50"), 0, TBC, 50.0),
                row("TBC -2: the config's", ann("target-burst-capacity", "-2"), 0, TBC, 211.0),
                row("TBC -0.5: the config's", ann("target-burst-capacity", "-0.5"), 0, TBC, 211.0),
                row(
                        "TBC garbage: the config's",
                        config("target-burst-capacity", "0"),
                        ann("target-burst-capacity", "x"),
                        TBC,
                        0.0),

                // Panic threshold.
                row("panic threshold default 200 % is 2.0", ann(), 0, PANIC, 2.0),
                row("panic threshold annotation 300 %", ann("panic-threshold-percentage", "300"), 0, PANIC, 3.0),
                row("legacy panicThresholdPercentage", ann("panicThresholdPercentage", "150"), 0, PANIC, 1.5),
                row("panic threshold 100 %: the config's", ann("panic-threshold-percentage", "100"), 0, PANIC, 2.0),

                // Windows.
                row("stable window default 60 s", ann(), 0, STABLE, 60_000L),
                row("panic window default 10 % of 60 s", ann(), 0, PANIC_WINDOW, 6_000L),
                row("window annotation", ann("window", "30s"), 0, STABLE, 30_000L),
                row("panic window follows the window annotation", ann("window", "30s"), 0, PANIC_WINDOW, 3_000L),
                row("window 5s: the config's", ann("window", "5s"), 0, STABLE, 60_000L),
                row("window 2h: the config's", ann("window", "2h"), 0, STABLE, 60_000L),
                row("window 30.5s: the config's", ann("window", "30500ms"), 0, STABLE, 60_000L),
                row(
                        "panic-window-percentage annotation",
                        ann("panic-window-percentage", "20"),
                        0,
                        PANIC_WINDOW,
                        12_000L),
                row(
                        "panic window rounds half up to whole seconds",
                        ann("window", "15s", "panic-window-percentage", "10"),
                        0,
                        PANIC_WINDOW,
                        2_000L),
                row(
                        "panic window is at least one second",
                        ann("window", "6s", "panic-window-percentage", "1"),
                        0,
                        PANIC_WINDOW,
                        1_000L),
                row("config stable-window", config("stable-window", "2m"), ann(), STABLE, 120_000L),

                // Scale-down delay, activation and initial scale.
                row("scale-down-delay default 0", ann(), 0, DELAY, 0L),
                row("scale-down-delay annotation", ann("scale-down-delay", "30s"), 0, DELAY, 30_000L),
                row("legacy scaleDownDelay", ann("scaleDownDelay", "1m"), 0, DELAY, 60_000L),
                row("config scale-down-delay", config("scale-down-delay", "10s"), ann(), DELAY, 10_000L),
                row("scale-down-delay 1.5s: the config's", ann("scale-down-delay", "1500ms"), 0, DELAY, 0L),
                row("scale-down-delay 2h: the config's", ann("scale-down-delay", "2h"), 0, DELAY, 0L),
                row("activation-scale default: none", ann(), 0, ACTIVATION, 1),
                row("activation-scale annotation", ann("activation-scale", "3"), 0, ACTIVATION, 3),
                row("activation-scale 0: none", ann("activation-scale", "0"), 0, ACTIVATION, 1),
                row("initial-scale default", ann(), 0, INITIAL, 1),
                row("initial-scale annotation", ann("initial-scale", "4"), 0, INITIAL, 4),
                row("legacy initialScale", ann("initialScale", "2"), 0, INITIAL, 2),
                row("initial-scale 0 without allow-zero: the config's", ann("initial-scale", "0"), 0, INITIAL, 1),
                row(
                        "initial-scale 0 with allow-zero-initial-scale",
                        config("allow-zero-initial-scale", "true"),
                        ann("initial-scale", "0"),
                        INITIAL,
                        0),
                row("config initial-scale", config("initial-scale", "3"), ann(), INITIAL, 3),

                // Straight from the config.
                row("max-scale-up-rate", config("max-scale-up-rate", "10"), ann(), DeciderSpec::maxScaleUpRate, 10.0),
                row(
                        "max-scale-down-rate",
                        config("max-scale-down-rate", "3"),
                        ann(),
                        DeciderSpec::maxScaleDownRate,
                        3.0),
                row(
                        "activator-capacity",
                        config("activator-capacity", "50"),
                        ann(),
                        DeciderSpec::activatorCapacity,
                        50.0),
                new Row("unreachable", KpaConfig.defaults(), ann(), 0, false, DeciderSpec::reachable, false),
                new Row("null annotations: the config's", KpaConfig.defaults(), null, 0, true, TARGET, 70.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void resolves(Row row) {
        DeciderSpec spec =
                DeciderSpec.resolve(row.config(), row.annotations(), row.containerConcurrency(), row.reachable());
        Object actual = row.field().apply(spec);
        if (row.expected() instanceof Double expected) {
            assertThat((Double) actual).isCloseTo(expected, offset(1e-9));
        } else {
            assertThat(actual).isEqualTo(row.expected());
        }
    }
}
