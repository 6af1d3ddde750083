package dev.kinetic.activator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivatorConfigTest {

    @Test
    void defaultsAreKnativesPortsAndTimings() {
        ActivatorConfig c = ActivatorConfig.fromEnv(Map.of());
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isEqualTo(8012);
        assertThat(c.h2cPort()).isEqualTo(8013);
        assertThat(c.adminPort()).isEqualTo(8022);
        assertThat(c.autoscalerUrl())
                .isEqualTo(URI.create("ws://kinetic-autoscaler.kinetic-system.svc.cluster.local:8080/ws"));
        assertThat(c.podName()).isEqualTo("kinetic-activator");
        assertThat(c.podIp()).isEmpty();
        assertThat(c.systemNamespace()).isEqualTo("kinetic-system");
        assertThat(c.probeFrequency()).isEqualTo(Duration.ofMillis(200));
        assertThat(c.probeTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(c.drainPeriod()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.clusterDomain()).isEqualTo("cluster.local");
        assertThat(c.queueDepth()).isEqualTo(10_000);
        assertThat(ActivatorConfig.defaults()).isEqualTo(c);
    }

    /** One environment and what must be read from it. */
    record Row(String name, Map<String, String> env, Function<ActivatorConfig, Object> read, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> valid() {
        return Stream.of(
                new Row("port", Map.of("ACTIVATOR_PORT", "9012"), ActivatorConfig::port, 9012),
                new Row("port 0 picks a free one", Map.of("ACTIVATOR_PORT", "0"), ActivatorConfig::port, 0),
                new Row("h2c port", Map.of("ACTIVATOR_H2C_PORT", "9013"), ActivatorConfig::h2cPort, 9013),
                new Row("admin port", Map.of("ACTIVATOR_ADMIN_PORT", " 9022 "), ActivatorConfig::adminPort, 9022),
                new Row(
                        "bind address",
                        Map.of("ACTIVATOR_BIND_ADDRESS", "127.0.0.1"),
                        ActivatorConfig::bindAddress,
                        "127.0.0.1"),
                new Row("blank falls back to the default", Map.of("ACTIVATOR_PORT", "  "), ActivatorConfig::port, 8012),
                new Row(
                        "autoscaler url",
                        Map.of("AUTOSCALER_URL", "ws://127.0.0.1:9999/stats"),
                        ActivatorConfig::autoscalerUrl,
                        URI.create("ws://127.0.0.1:9999/stats")),
                new Row(
                        "autoscaler url over TLS",
                        Map.of("AUTOSCALER_URL", "wss://as.example:443/ws"),
                        ActivatorConfig::autoscalerUrl,
                        URI.create("wss://as.example:443/ws")),
                new Row("pod name", Map.of("POD_NAME", "activator-abc"), ActivatorConfig::podName, "activator-abc"),
                new Row(
                        "pod name falls back to HOSTNAME",
                        Map.of("HOSTNAME", "host-1"),
                        ActivatorConfig::podName,
                        "host-1"),
                new Row(
                        "POD_NAME wins over HOSTNAME",
                        Map.of("HOSTNAME", "host-1", "POD_NAME", "pod-1"),
                        ActivatorConfig::podName,
                        "pod-1"),
                new Row("pod ip", Map.of("POD_IP", "10.1.2.3"), ActivatorConfig::podIp, "10.1.2.3"),
                new Row(
                        "system namespace",
                        Map.of("SYSTEM_NAMESPACE", "knative-serving"),
                        ActivatorConfig::systemNamespace,
                        "knative-serving"),
                new Row(
                        "probe frequency as Go duration",
                        Map.of("PROBE_FREQUENCY", "50ms"),
                        ActivatorConfig::probeFrequency,
                        Duration.ofMillis(50)),
                new Row(
                        "probe frequency as millis",
                        Map.of("PROBE_FREQUENCY", "150"),
                        ActivatorConfig::probeFrequency,
                        Duration.ofMillis(150)),
                new Row(
                        "probe timeout in seconds",
                        Map.of("PROBE_TIMEOUT", "1s"),
                        ActivatorConfig::probeTimeout,
                        Duration.ofSeconds(1)),
                new Row(
                        "probe timeout fractional",
                        Map.of("PROBE_TIMEOUT", "1.5s"),
                        ActivatorConfig::probeTimeout,
                        Duration.ofMillis(1500)),
                new Row(
                        "compound duration",
                        Map.of("PROBE_TIMEOUT", "1m30s"),
                        ActivatorConfig::probeTimeout,
                        Duration.ofSeconds(90)),
                new Row(
                        "microseconds",
                        Map.of("PROBE_FREQUENCY", "500us"),
                        ActivatorConfig::probeFrequency,
                        Duration.ofNanos(500_000)),
                new Row(
                        "drain period",
                        Map.of("DRAIN_PERIOD_SECONDS", "5"),
                        ActivatorConfig::drainPeriod,
                        Duration.ofSeconds(5)),
                new Row(
                        "drain period may be zero",
                        Map.of("DRAIN_PERIOD_SECONDS", "0"),
                        ActivatorConfig::drainPeriod,
                        Duration.ZERO),
                new Row(
                        "cluster domain",
                        Map.of("CLUSTER_DOMAIN", "example.internal"),
                        ActivatorConfig::clusterDomain,
                        "example.internal"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void reads(Row row) {
        assertThat(row.read().apply(ActivatorConfig.fromEnv(row.env()))).isEqualTo(row.expected());
    }

    /** An invalid environment and the text the error must contain. */
    record Invalid(String name, Map<String, String> env, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalid() {
        return Stream.of(
                new Invalid(
                        "port not a number",
                        Map.of("ACTIVATOR_PORT", "http"),
                        "ACTIVATOR_PORT: \"http\" is not a whole number"),
                new Invalid("port too large", Map.of("ACTIVATOR_H2C_PORT", "70000"), "ACTIVATOR_H2C_PORT: 70000"),
                new Invalid("negative port", Map.of("ACTIVATOR_ADMIN_PORT", "-1"), "ACTIVATOR_ADMIN_PORT"),
                new Invalid(
                        "http url for the websocket",
                        Map.of("AUTOSCALER_URL", "http://as:8080"),
                        "AUTOSCALER_URL: 'http://as:8080' is not a ws:// or wss:// URL"),
                new Invalid("url without host", Map.of("AUTOSCALER_URL", "ws:///ws"), "AUTOSCALER_URL"),
                new Invalid("malformed url", Map.of("AUTOSCALER_URL", "ws://a b"), "AUTOSCALER_URL"),
                new Invalid("unknown duration unit", Map.of("PROBE_FREQUENCY", "200 ms"), "PROBE_FREQUENCY"),
                new Invalid("duration with unknown suffix", Map.of("PROBE_TIMEOUT", "3d"), "PROBE_TIMEOUT: '3d'"),
                new Invalid("zero probe frequency", Map.of("PROBE_FREQUENCY", "0s"), "PROBE_FREQUENCY: must be"),
                new Invalid("drain period too long", Map.of("DRAIN_PERIOD_SECONDS", "99999"), "DRAIN_PERIOD_SECONDS"),
                new Invalid("drain period not whole", Map.of("DRAIN_PERIOD_SECONDS", "4.5"), "DRAIN_PERIOD_SECONDS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(Invalid row) {
        assertThatThrownBy(() -> ActivatorConfig.fromEnv(row.env()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid activator environment: ")
                .hasMessageContaining(row.message());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ActivatorConfig.fromEnv(
                        Map.of("ACTIVATOR_PORT", "x", "PROBE_TIMEOUT", "soon", "AUTOSCALER_URL", "tcp://a")))
                .hasMessageContaining("ACTIVATOR_PORT")
                .hasMessageContaining("PROBE_TIMEOUT")
                .hasMessageContaining("AUTOSCALER_URL");
    }

    @Test
    void queueDepthIsOnlySetInProcess() {
        ActivatorConfig c = ActivatorConfig.defaults().withQueueDepth(3);
        assertThat(c.queueDepth()).isEqualTo(3);
        assertThat(c.withQueueDepth(10_000)).isEqualTo(ActivatorConfig.defaults());
        assertThatThrownBy(() -> c.withQueueDepth(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
