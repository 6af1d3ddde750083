package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinetic.queueproxy.ProbeSpec.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SERVING_READINESS_PROBE as the serving controller writes it (see its QueueContainer and Probes). */
class ProbeSpecTest {

    @Test
    void noProbeMeansAnAggressiveTcpProbeOfTheUserPort() {
        assertThat(ProbeSpec.parse("", 8080))
                .containsExactly(new ProbeSpec(Kind.TCP, "127.0.0.1", 8080, "", false, Map.of(), 0, 1, 1));
    }

    @Test
    void httpProbeWithHeadersAndTiming() {
        String json = "{\"httpGet\":{\"host\":\"127.0.0.1\",\"path\":\"healthz\",\"port\":8080,\"scheme\":\"HTTP\","
                + "\"httpHeaders\":[{\"name\":\"K-Kubelet-Probe\",\"value\":\"queue\"}]},"
                + "\"periodSeconds\":5,\"timeoutSeconds\":2,\"successThreshold\":3}";
        ProbeSpec p = ProbeSpec.parse(json, 9999).get(0);
        assertThat(p.kind()).isEqualTo(Kind.HTTP);
        assertThat(p.path()).isEqualTo("/healthz");
        assertThat(p.port()).isEqualTo(8080);
        assertThat(p.headers()).containsEntry("K-Kubelet-Probe", "queue");
        assertThat(p.aggressive()).isFalse();
        assertThat(p.timeoutSeconds()).isEqualTo(2);
        assertThat(p.successThreshold()).isEqualTo(3);
    }

    @Test
    void httpsSchemeAndMissingPortFallBackToUserPort() {
        ProbeSpec p =
                ProbeSpec.parse("{\"httpGet\":{\"scheme\":\"HTTPS\"}}", 8443).get(0);
        assertThat(p.https()).isTrue();
        assertThat(p.port()).isEqualTo(8443);
        assertThat(p.host()).isEqualTo("127.0.0.1");
        assertThat(p.aggressive()).isTrue();
    }

    @Test
    void multiContainerProbingIsAnArrayAndGrpcAndExecBecomeTcp() {
        String json =
                "[{\"tcpSocket\":{\"port\":8080}},{\"grpc\":{\"port\":9000}},{\"exec\":{\"command\":[\"true\"]}}]";
        List<ProbeSpec> probes = ProbeSpec.parse(json, 8080);
        assertThat(probes).extracting(ProbeSpec::kind).containsOnly(Kind.TCP);
        assertThat(probes).extracting(ProbeSpec::port).containsExactly(8080, 9000, 8080);
    }

    @Test
    void theUserHostIsTheHostOfProbesWithoutOneAndOfProbesAtThePodLoopback() {
        String userHost = "127.0.4.2";
        assertThat(ProbeSpec.parse("", 8080, userHost))
                .extracting(ProbeSpec::host)
                .containsExactly(userHost);
        String json = "[{\"httpGet\":{\"host\":\"127.0.0.1\",\"port\":8080}},{\"tcpSocket\":{\"port\":8080}},"
                + "{\"exec\":{\"command\":[\"true\"]}},{\"tcpSocket\":{\"host\":\"10.1.2.3\",\"port\":9000}}]";
        assertThat(ProbeSpec.parse(json, 8080, userHost))
                .extracting(ProbeSpec::host)
                .containsExactly(userHost, userHost, userHost, "10.1.2.3");
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertThatThrownBy(() -> ProbeSpec.parse("{not json", 8080)).hasMessageContaining("SERVING_READINESS_PROBE");
        assertThatThrownBy(() -> ProbeSpec.parse("{\"httpGet\":{\"port\":\"http\"}}", 8080))
                .hasMessageContaining("httpGet.port")
                .hasMessageContaining("\"http\"");
        assertThatThrownBy(() -> ProbeSpec.parse("[{}]", 8080)).hasMessageContaining("[0]");
        assertThatThrownBy(() -> ProbeSpec.parse("[]", 8080)).hasMessageContaining("empty");
    }
}
