package dev.kinetic.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.FeaturesConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serving ConfigMaps parse with Knative's keys and defaults, and report every bad key. */
class ServingConfigTest {

    @Test
    void emptyConfigDefaultsAreKnatives() {
        DefaultsConfig d = DefaultsConfig.defaults();
        assertThat(d.revisionTimeoutSeconds()).isEqualTo(300);
        assertThat(d.maxRevisionTimeoutSeconds()).isEqualTo(600);
        assertThat(d.revisionResponseStartTimeoutSeconds()).isEqualTo(300);
        assertThat(d.revisionIdleTimeoutSeconds()).isZero();
        assertThat(d.containerConcurrency()).isZero();
        assertThat(d.containerConcurrencyMaxLimit()).isEqualTo(1000);
        assertThat(d.userContainerName()).isEqualTo("user-container");
        assertThat(d.enableServiceLinks()).contains(false);

        AutoscalerConfig a = AutoscalerConfig.defaults();
        assertThat(a.podAutoscalerClass()).isEqualTo("kpa.autoscaling.knative.dev");
        assertThat(a.initialScale()).isEqualTo(1);
        assertThat(a.allowZeroInitialScale()).isFalse();
        assertThat(a.maxScaleLimit()).isZero();

        FeaturesConfig f = FeaturesConfig.defaults();
        assertThat(f.on(FeaturesConfig.MULTI_CONTAINER)).isTrue();
        assertThat(f.on(FeaturesConfig.EMPTY_DIR)).isTrue();
        assertThat(f.on(FeaturesConfig.NODE_SELECTOR)).isFalse();
    }

    @Test
    void knativesShippedConfigDefaultsYamlTurnsServiceLinksOff() {
        DefaultsConfig d =
                DefaultsConfig.fromMap(Map.of("enable-service-links", "false")).config();
        assertThat(d.enableServiceLinks()).contains(false);
        assertThat(DefaultsConfig.fromMap(Map.of("enable-service-links", "default"))
                        .config()
                        .enableServiceLinks())
                .isEmpty();
    }

    @Test
    void badValuesAreAllReportedByKey() {
        var parsed = DefaultsConfig.fromMap(Map.of(
                "revision-timeout-seconds", "forever",
                "container-concurrency-max-limit", "0",
                "revision-cpu-request", "lots"));
        assertThat(parsed.errors().paths())
                .containsExactlyInAnyOrder(
                        "revision-timeout-seconds", "container-concurrency-max-limit", "revision-cpu-request");
        assertThat(FeaturesConfig.fromMap(Map.of("kubernetes.podspec-affinity", "maybe"))
                        .errors()
                        .paths())
                .containsExactly("kubernetes.podspec-affinity");
        assertThat(AutoscalerConfig.fromMap(Map.of("initial-scale", "0"))
                        .errors()
                        .paths())
                .containsExactly("initial-scale");
        assertThat(AutoscalerConfig.fromMap(Map.of("initial-scale", "0", "allow-zero-initial-scale", "true"))
                        .errors()
                        .isEmpty())
                .isTrue();
    }

    @Test
    void flagsAcceptAllowedAndKeepUnknownKeys() {
        FeaturesConfig f = FeaturesConfig.fromMap(Map.of(
                        "kubernetes.podspec-affinity", "Allowed", "some-future-flag", "enabled", "_example", "docs"))
                .config();
        assertThat(f.on(FeaturesConfig.AFFINITY)).isTrue();
        assertThat(f.on("some-future-flag")).isTrue();
        assertThat(f.flags()).doesNotContainKey("_example");
    }
}
