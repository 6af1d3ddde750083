package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueueConfigTest {

    @Test
    void knativeDefaults() {
        QueueConfig c = QueueConfig.fromEnv(Map.of());
        assertThat(c.servingPort()).isEqualTo(8012);
        assertThat(c.h2cPort()).isEqualTo(8013);
        assertThat(c.adminPort()).isEqualTo(8022);
        assertThat(c.autoscalerMetricsPort()).isEqualTo(9090);
        assertThat(c.userMetricsPort()).isEqualTo(9091);
        assertThat(c.userPort()).isEqualTo(8080);
        assertThat(c.containerConcurrency()).isZero();
        assertThat(c.timeoutSeconds()).isEqualTo(300);
        assertThat(c.responseStartTimeoutSeconds()).isZero();
        assertThat(c.idleTimeoutSeconds()).isZero();
        assertThat(c.drainSeconds()).isEqualTo(30);
        assertThat(c.eventLoops()).isEqualTo(1);
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.userHost()).isEqualTo("127.0.0.1");
        assertThat(c.readinessProbe()).isEmpty();
    }

    @Test
    void readsWhatTheControllerSets() {
        QueueConfig c = QueueConfig.fromEnv(Map.of(
                "USER_PORT", "8801",
                "CONTAINER_CONCURRENCY", "6",
                "REVISION_TIMEOUT_SECONDS", "10",
                "REVISION_RESPONSE_START_TIMEOUT_SECONDS", "5",
                "REVISION_IDLE_TIMEOUT_SECONDS", "3",
                "SERVING_NAMESPACE", "ns",
                "SERVING_SERVICE", "svc",
                "SERVING_CONFIGURATION", "cfg",
                "SERVING_REVISION", "svc-00001",
                "SERVING_POD", "svc-00001-deployment-x"));
        assertThat(c.userPort()).isEqualTo(8801);
        assertThat(c.containerConcurrency()).isEqualTo(6);
        assertThat(c.timeoutSeconds()).isEqualTo(10);
        assertThat(c.responseStartTimeoutSeconds()).isEqualTo(5);
        assertThat(c.idleTimeoutSeconds()).isEqualTo(3);
        assertThat(c.identity())
                .isEqualTo(new QueueConfig.Identity("ns", "svc", "cfg", "svc-00001", "svc-00001-deployment-x"));
    }

    @Test
    void readsTheUserHostOfAPodWithoutALoopbackOfItsOwn() {
        assertThat(QueueConfig.fromEnv(Map.of("QUEUE_USER_HOST", " 127.0.3.7 ")).userHost())
                .isEqualTo("127.0.3.7");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("not a number", Map.of("CONTAINER_CONCURRENCY", "six"), "CONTAINER_CONCURRENCY: \"six\""),
                Arguments.of("negative", Map.of("REVISION_TIMEOUT_SECONDS", "-1"), "REVISION_TIMEOUT_SECONDS: -1"),
                Arguments.of("port too big", Map.of("QUEUE_SERVING_PORT", "70000"), "QUEUE_SERVING_PORT: 70000"),
                Arguments.of("user port zero", Map.of("USER_PORT", "0"), "USER_PORT: must be a port"),
                Arguments.of("cc above Knative's max", Map.of("CONTAINER_CONCURRENCY", "1001"), "[0, 1000]"),
                Arguments.of("no event loop", Map.of("QUEUE_EVENT_LOOPS", "0"), "QUEUE_EVENT_LOOPS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsBadValuesNamingTheVariable(String name, Map<String, String> env, String message) {
        assertThatThrownBy(() -> QueueConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> QueueConfig.fromEnv(Map.of("USER_PORT", "x", "CONTAINER_CONCURRENCY", "y")))
                .hasMessageContaining("USER_PORT")
                .hasMessageContaining("CONTAINER_CONCURRENCY");
    }
}
