package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentConfigTest {

    @Test
    void shippedDefaults() {
        DeploymentConfig.Parsed parsed = DeploymentConfig.fromMap(Map.of());

        assertThat(parsed.errors().isEmpty()).isTrue();
        assertThat(parsed.config())
                .isEqualTo(new DeploymentConfig(
                        "ghcr.io/kinetic-dev/queue-proxy:latest",
                        Map.of("cpu", new Quantity("25m")),
                        Map.of(),
                        Duration.ofSeconds(600),
                        Duration.ofSeconds(10),
                        Set.of("kind.local", "ko.local", "dev.local")));
        assertThat(DeploymentConfig.defaults()).isEqualTo(parsed.config());
        assertThat(DeploymentConfig.fromMap(null).config()).isEqualTo(parsed.config());
    }

    @Test
    void everyKey() {
        DeploymentConfig config = DeploymentConfig.fromMap(Map.of(
                        "queue-sidecar-image", "registry.example.com/queue@sha256:abc",
                        "queue-sidecar-cpu-request", "100m",
                        "queue-sidecar-cpu-limit", "1",
                        "queue-sidecar-memory-request", "64Mi",
                        "queue-sidecar-memory-limit", "256Mi",
                        "queue-sidecar-ephemeral-storage-request", "512Mi",
                        "queue-sidecar-ephemeral-storage-limit", "1Gi",
                        "progress-deadline", "2m",
                        "digest-resolution-timeout", "500ms",
                        "registries-skipping-tag-resolving", " registry.local , , example.com "))
                .config();

        assertThat(config)
                .isEqualTo(new DeploymentConfig(
                        "registry.example.com/queue@sha256:abc",
                        Map.of(
                                "cpu", new Quantity("100m"),
                                "memory", new Quantity("64Mi"),
                                "ephemeral-storage", new Quantity("512Mi")),
                        Map.of(
                                "cpu", new Quantity("1"),
                                "memory", new Quantity("256Mi"),
                                "ephemeral-storage", new Quantity("1Gi")),
                        Duration.ofMinutes(2),
                        Duration.ofMillis(500),
                        Set.of("registry.local", "example.com")));
        assertThat(config.skipsTagResolving("example.com")).isTrue();
        assertThat(config.skipsTagResolving("kind.local")).isFalse();
    }

    @ParameterizedTest(name = "progress-deadline {0}")
    @MethodSource("progressDeadlines")
    void progressDeadline(String text, Duration expected) {
        assertThat(DeploymentConfig.fromMap(Map.of("progress-deadline", text))
                        .config()
                        .progressDeadline())
                .isEqualTo(expected);
    }

    static Stream<Arguments> progressDeadlines() {
        return Stream.of(
                Arguments.of("600s", Duration.ofSeconds(600)),
                Arguments.of("10m", Duration.ofMinutes(10)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("45", Duration.ofSeconds(45)));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalid")
    void invalidValuesAreReportedUnderTheirKeyAndDefaulted(String key, String value) {
        DeploymentConfig.Parsed parsed = DeploymentConfig.fromMap(Map.of(key, value));

        assertThat(parsed.errors().paths()).containsExactly(key);
        assertThat(parsed.config()).isEqualTo(DeploymentConfig.defaults());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("queue-sidecar-cpu-request", "a lot"),
                Arguments.of("queue-sidecar-cpu-limit", "1.2.3"),
                Arguments.of("queue-sidecar-memory-request", "Mi"),
                Arguments.of("queue-sidecar-memory-limit", "-"),
                Arguments.of("queue-sidecar-ephemeral-storage-request", "big"),
                Arguments.of("queue-sidecar-ephemeral-storage-limit", "x1"),
                Arguments.of("progress-deadline", "soon"),
                Arguments.of("progress-deadline", "0s"),
                Arguments.of("progress-deadline", "-5s"),
                Arguments.of("progress-deadline", "1.5s"),
                Arguments.of("digest-resolution-timeout", "0"),
                Arguments.of("digest-resolution-timeout", "later"));
    }

    @Test
    void everyBadKeyIsReported() {
        DeploymentConfig.Parsed parsed = DeploymentConfig.fromMap(
                Map.of("queue-sidecar-cpu-request", "x", "progress-deadline", "y", "digest-resolution-timeout", "z"));

        assertThat(parsed.errors().paths())
                .containsExactlyInAnyOrder(
                        "queue-sidecar-cpu-request", "progress-deadline", "digest-resolution-timeout");
    }

    @Test
    void theConfigIsImmutable() {
        DeploymentConfig config = DeploymentConfig.defaults();

        assertThatThrownBy(() -> config.queueSidecarRequests().put("memory", new Quantity("1Gi")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
