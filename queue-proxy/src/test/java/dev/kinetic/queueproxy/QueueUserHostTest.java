package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.queueproxy.QueueProxyHarness.Response;
import dev.kinetic.testsupport.app.SampleApp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code QUEUE_USER_HOST}: a user container that listens on an address other than 127.0.0.1, as in the fake kubelet's
 * pods, where each pod is one loopback IP. The app here listens on 127.0.0.2 only, so nothing answers on 127.0.0.1.
 */
class QueueUserHostTest {
    private static final String APP_HOST = "127.0.0.2";
    private static final Map<String, String> QUEUE_PROBE = Map.of("K-Network-Probe", "queue");

    @Test
    void proxiesToAndProbesTheConfiguredHost() {
        SampleApp app = SampleApp.start(APP_HOST, 0);
        try (QueueProxyHarness h = QueueProxyHarness.start(app, env(app, Map.of("QUEUE_USER_HOST", APP_HOST)))) {
            Response r = h.getNow("/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            assertThat(app.served()).isEqualTo(1);

            // No SERVING_READINESS_PROBE: the default aggressive TCP probe of the user port, on the user host.
            Response probe = h.getNow(h.servingPort(), "/", QUEUE_PROBE);
            assertThat(probe.status()).isEqualTo(200);
            assertThat(probe.body()).isEqualTo("queue");
        }
    }

    @Test
    void withoutItTheQueueProxyLooksFor127001AndFindsNothing() {
        SampleApp app = SampleApp.start(APP_HOST, 0);
        try (QueueProxyHarness h = QueueProxyHarness.start(app, env(app, Map.of()))) {
            assertThat(h.getNow("/").status()).isEqualTo(502);
            assertThat(app.served()).isZero();
        }
    }

    @Test
    void probesTheServingControllerWrites127001ForFollowTheUserHost() {
        // What the serving controller hands over: the user's probe aimed at 127.0.0.1, the pod's own loopback.
        String probe = "{\"httpGet\":{\"host\":\"127.0.0.1\",\"path\":\"/healthz\",\"port\":0,"
                + "\"httpHeaders\":[{\"name\":\"K-Kubelet-Probe\",\"value\":\"queue\"}]},"
                + "\"periodSeconds\":1,\"timeoutSeconds\":1,\"successThreshold\":1}";
        SampleApp app = SampleApp.start(APP_HOST, 0);
        try (QueueProxyHarness h = QueueProxyHarness.start(
                app, env(app, Map.of("QUEUE_USER_HOST", APP_HOST, "SERVING_READINESS_PROBE", probe)))) {
            assertThat(h.getNow(h.servingPort(), "/", QUEUE_PROBE).status()).isEqualTo(200);
            app.ready(false);
            assertThat(h.getNow(h.servingPort(), "/", QUEUE_PROBE).status()).isEqualTo(503);
        }
    }

    @Test
    void aProbeNamingAnotherHostKeepsIt() {
        // The probe names 127.0.0.2 while the user host is 127.0.0.3, where nothing listens: the probe's host wins.
        String probe = "{\"tcpSocket\":{\"host\":\"" + APP_HOST + "\",\"port\":0},\"periodSeconds\":1}";
        SampleApp app = SampleApp.start(APP_HOST, 0);
        try (QueueProxyHarness h = QueueProxyHarness.start(
                app, env(app, Map.of("QUEUE_USER_HOST", "127.0.0.3", "SERVING_READINESS_PROBE", probe)))) {
            assertThat(h.getNow(h.servingPort(), "/", QUEUE_PROBE).status()).isEqualTo(200);
            assertThat(h.getNow("/").status())
                    .as("requests go to the user host")
                    .isEqualTo(502);
        }
    }

    private static Map<String, String> env(SampleApp app, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("USER_PORT", Integer.toString(app.port()));
        return env;
    }
}
