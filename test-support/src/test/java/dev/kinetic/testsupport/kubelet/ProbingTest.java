package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinetic.testsupport.app.SampleApp;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Probe attempts against a real app on 127.0.0.1. */
class ProbingTest {
    private static final String HOST = "127.0.0.1";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "HTTP/1.1 200 OK|true",
                "HTTP/1.1 302 Found|true",
                "HTTP/1.0 399 Custom|true",
                "HTTP/1.1 400 Bad Request|false",
                "HTTP/1.1 503 Service Unavailable|false",
                "garbage|false",
                "HTTP/1.1 abc|false"
            })
    void twoAndThreeHundredsPass(String statusLine, boolean passes) {
        assertThat(Probing.passes(statusLine)).isEqualTo(passes);
    }

    @Test
    void httpProbesSendTheirHeadersAndTheKubeletsUserAgent() {
        try (SampleApp app = SampleApp.start(HOST, 0)) {
            Container c = container(app.port());
            Probe headers = new ProbeBuilder()
                    .withNewHttpGet()
                    .withPath("/headers")
                    .withPort(new IntOrString("user-port"))
                    .withHttpHeaders(new HTTPHeader("K-Network-Probe", "queue"))
                    .endHttpGet()
                    .build();
            assertThat(Probing.attempt(headers, c, HOST)).isTrue();
            assertThat(app.lastHeaders())
                    .containsEntry("k-network-probe", "queue")
                    .containsEntry("user-agent", Probing.USER_AGENT);

            Probe healthz = new ProbeBuilder()
                    .withNewHttpGet()
                    .withPath("healthz")
                    .withPort(new IntOrString(app.port()))
                    .endHttpGet()
                    .build();
            assertThat(Probing.attempt(healthz, c, HOST)).isTrue();
            app.ready(false);
            assertThat(Probing.attempt(healthz, c, HOST)).isFalse();
        }
    }

    @Test
    void tcpProbesConnectAndFailWhereNothingListens() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (SampleApp app = SampleApp.start(HOST, 0)) {
            Container c = container(app.port());
            assertThat(Probing.attempt(tcp(app.port()), c, HOST)).isTrue();
            assertThat(Probing.attempt(tcp(closed), c, HOST)).isFalse();
            Probe grpc = new ProbeBuilder()
                    .withNewGrpc()
                    .withPort(app.port())
                    .endGrpc()
                    .build();
            assertThat(Probing.attempt(grpc, c, HOST)).isTrue();
        }
    }

    @Test
    void namedPortsResolveThroughTheContainer() {
        Container c = container(8080);
        assertThat(Probing.port(new IntOrString("user-port"), c)).isEqualTo(8080);
        assertThat(Probing.port(new IntOrString(9090), c)).isEqualTo(9090);
        assertThatThrownBy(() -> Probing.port(new IntOrString("nope"), c)).hasMessageContaining("nope");
    }

    private static Probe tcp(int port) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(port))
                .endTcpSocket()
                .build();
    }

    private static Container container(int port) {
        return new ContainerBuilder()
                .withName("c")
                .addNewPort()
                .withName("user-port")
                .withContainerPort(port)
                .endPort()
                .build();
    }
}
