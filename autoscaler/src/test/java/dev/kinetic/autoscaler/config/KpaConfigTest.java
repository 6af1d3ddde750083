package dev.kinetic.autoscaler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.kinetic.api.Knative;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KpaConfigTest {

    /** One key: what an empty ConfigMap gives, and a valid value with what it parses to. */
    record Key(String key, Function<KpaConfig, Object> get, Object defaultValue, String valid, Object parsed) {
        @Override
        public String toString() {
            return key;
        }
    }

    static Stream<Key> keys() {
        return Stream.of(
                new Key("container-concurrency-target-percentage", KpaConfig::targetUtilization, 0.70, "80", 0.80),
                new Key(
                        "container-concurrency-target-default",
                        KpaConfig::containerConcurrencyTargetDefault,
                        100.0,
                        "25.5",
                        25.5),
                new Key("requests-per-second-target-default", KpaConfig::rpsTargetDefault, 200.0, "0.01", 0.01),
                new Key("target-burst-capacity", KpaConfig::targetBurstCapacity, 211.0, "-1", -1.0),
                new Key(
                        "stable-window",
                        KpaConfig::stableWindow,
                        Duration.ofSeconds(60),
                        "1m30s",
                        Duration.ofSeconds(90)),
                new Key("panic-window-percentage", KpaConfig::panicWindowPercentage, 10.0, "20", 20.0),
                new Key("panic-threshold-percentage", KpaConfig::panicThresholdPercentage, 200.0, "110", 110.0),
                new Key("max-scale-up-rate", KpaConfig::maxScaleUpRate, 1000.0, "1.5", 1.5),
                new Key("max-scale-down-rate", KpaConfig::maxScaleDownRate, 2.0, "4", 4.0),
                new Key("enable-scale-to-zero", c -> c.base().enableScaleToZero(), true, "false", false),
                new Key(
                        "scale-to-zero-grace-period",
                        KpaConfig::scaleToZeroGracePeriod,
                        Duration.ofSeconds(30),
                        "500ms",
                        Duration.ofMillis(500)),
                new Key(
                        "scale-to-zero-pod-retention-period",
                        KpaConfig::scaleToZeroPodRetentionPeriod,
                        Duration.ZERO,
                        "10m",
                        Duration.ofMinutes(10)),
                new Key(
                        "pod-autoscaler-class",
                        c -> c.base().podAutoscalerClass(),
                        Knative.KPA_CLASS,
                        Knative.HPA_CLASS,
                        Knative.HPA_CLASS),
                new Key("activator-capacity", KpaConfig::activatorCapacity, 100.0, "1", 1.0),
                new Key("initial-scale", c -> c.base().initialScale(), 1L, "3", 3L),
                new Key("allow-zero-initial-scale", c -> c.base().allowZeroInitialScale(), false, "true", true),
                new Key("min-scale", c -> c.base().minScale(), 0L, "2", 2L),
                new Key("max-scale", c -> c.base().maxScale(), 0L, "10", 10L),
                new Key("scale-down-delay", KpaConfig::scaleDownDelay, Duration.ZERO, "1h", Duration.ofHours(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void emptyConfigMapGivesTheDefault(Key k) {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of());
        assertThat(parsed.errors().isEmpty()).isTrue();
        assertThat(k.get().apply(parsed.config())).isEqualTo(k.defaultValue());
        assertThat(k.get().apply(KpaConfig.defaults())).isEqualTo(k.defaultValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void validValueIsTaken(Key k) {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of(k.key(), k.valid()));
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(k.get().apply(parsed.config())).isEqualTo(k.parsed());
    }

    @Test
    void maxScaleLimitWithAMaxScaleUnderIt() {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of("max-scale-limit", "20", "max-scale", "20"));
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config().base().maxScaleLimit()).isEqualTo(20);
    }

    /** A value that breaks a bound, and the default the key keeps in the returned config. */
    record Bad(String key, String value, Function<KpaConfig, Object> get) {
        @Override
        public String toString() {
            return key + ": " + value;
        }
    }

    static Stream<Bad> bad() {
        return Stream.of(
                new Bad("container-concurrency-target-percentage", "0", KpaConfig::targetUtilization),
                new Bad("container-concurrency-target-percentage", "-5", KpaConfig::targetUtilization),
                new Bad("container-concurrency-target-percentage", "100.5", KpaConfig::targetUtilization),
                new Bad("container-concurrency-target-percentage", "NaN", KpaConfig::targetUtilization),
                new Bad("container-concurrency-target-default", "0.009", KpaConfig::containerConcurrencyTargetDefault),
                new Bad("requests-per-second-target-default", "0", KpaConfig::rpsTargetDefault),
                new Bad("target-burst-capacity", "-2", KpaConfig::targetBurstCapacity),
                new Bad("target-burst-capacity", "-0.5", KpaConfig::targetBurstCapacity),
                new Bad("target-burst-capacity", "Infinity", KpaConfig::targetBurstCapacity),
                new Bad("stable-window", "5s", KpaConfig::stableWindow),
                new Bad("stable-window", "1h0m1s", KpaConfig::stableWindow),
                new Bad("stable-window", "6500ms", KpaConfig::stableWindow),
                new Bad("stable-window", "sixty", KpaConfig::stableWindow),
                new Bad("panic-window-percentage", "0.5", KpaConfig::panicWindowPercentage),
                new Bad("panic-window-percentage", "101", KpaConfig::panicWindowPercentage),
                new Bad("panic-threshold-percentage", "109", KpaConfig::panicThresholdPercentage),
                new Bad("panic-threshold-percentage", "1001", KpaConfig::panicThresholdPercentage),
                new Bad("max-scale-up-rate", "1", KpaConfig::maxScaleUpRate),
                new Bad("max-scale-down-rate", "1.0", KpaConfig::maxScaleDownRate),
                new Bad("max-scale-down-rate", "two", KpaConfig::maxScaleDownRate),
                new Bad("enable-scale-to-zero", "yes", c -> c.base().enableScaleToZero()),
                new Bad("scale-to-zero-grace-period", "0s", KpaConfig::scaleToZeroGracePeriod),
                new Bad("scale-to-zero-grace-period", "-1s", KpaConfig::scaleToZeroGracePeriod),
                new Bad("scale-to-zero-pod-retention-period", "-1m", KpaConfig::scaleToZeroPodRetentionPeriod),
                new Bad("activator-capacity", "0.5", KpaConfig::activatorCapacity),
                new Bad("initial-scale", "0", c -> c.base().initialScale()),
                new Bad("initial-scale", "-1", c -> c.base().initialScale()),
                new Bad("min-scale", "-1", c -> c.base().minScale()),
                new Bad("max-scale", "-1", c -> c.base().maxScale()),
                new Bad("max-scale-limit", "-1", c -> c.base().maxScaleLimit()),
                new Bad("scale-down-delay", "-1s", KpaConfig::scaleDownDelay),
                new Bad("scale-down-delay", "1h1s", KpaConfig::scaleDownDelay),
                new Bad("scale-down-delay", "1.5s", KpaConfig::scaleDownDelay));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void outOfBoundsIsAnErrorNamingTheKey(Bad b) {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of(b.key(), b.value()));
        assertThat(parsed.errors().paths()).containsExactly(b.key());
        if (!b.key().endsWith("-scale") && !b.key().equals("max-scale-limit")) {
            // The algorithm's own keys fall back to their default, so the config stays usable.
            assertThat(b.get().apply(parsed.config())).isEqualTo(b.get().apply(KpaConfig.defaults()));
        }
    }

    static Stream<Object[]> targetPercentages() {
        return Stream.of(
                new Object[] {"70", 0.70},
                new Object[] {"0.7", 0.70},
                new Object[] {"1", 1.0},
                new Object[] {"100", 1.0},
                new Object[] {"0.05", 0.05},
                new Object[] {"1.5", 0.015},
                new Object[] {"55.5", 0.555});
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("targetPercentages")
    void targetPercentageUpToOneIsAFraction(String value, double fraction) {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of("container-concurrency-target-percentage", value));
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config().targetUtilization()).isCloseTo(fraction, offset(1e-12));
    }

    @Test
    void everyBadKeyIsReportedAtOnce() {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of(
                "stable-window", "2s",
                "max-scale-down-rate", "0.5",
                "activator-capacity", "x",
                "min-scale", "-3",
                "panic-window-percentage", "20"));
        assertThat(parsed.errors().paths())
                .containsExactlyInAnyOrder("stable-window", "max-scale-down-rate", "activator-capacity", "min-scale");
        assertThat(parsed.config().panicWindowPercentage())
                .as("good keys still parse")
                .isEqualTo(20.0);
    }

    @Test
    void bareIntegerDurationsAreSeconds() {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of("stable-window", "120", "scale-down-delay", "15"));
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config().stableWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parsed.config().scaleDownDelay()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void knativesExampleKeyAndUnknownKeysAreIgnored() {
        KpaConfig.Parsed parsed = KpaConfig.fromMap(Map.of("_example", "# stable-window: 5s", "no-such-key", "1"));
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config()).isEqualTo(KpaConfig.defaults());
    }

    @Test
    void nullDataIsTheDefaults() {
        assertThat(KpaConfig.fromMap(null).config()).isEqualTo(KpaConfig.defaults());
        assertThat(KpaConfig.NAME).isEqualTo("config-autoscaler");
    }
}
