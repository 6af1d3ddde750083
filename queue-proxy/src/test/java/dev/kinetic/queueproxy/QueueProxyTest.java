package dev.kinetic.queueproxy;

import static dev.kinetic.queueproxy.QueueProxyHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.queueproxy.QueueProxyHarness.Response;
import dev.kinetic.testsupport.app.SampleApp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The queue-proxy in front of a real sample app, over real sockets. */
class QueueProxyTest {

    @Test
    void proxiesAPlainRequestAndCountsIt() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            Response r = h.getNow("/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
            assertThat(h.app.lastProtocol()).isEqualTo("HTTP_1_1");
        }
    }

    @Test
    void containerConcurrencyOneNeverLetsTwoRequestsReachTheApp() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("CONTAINER_CONCURRENCY", "1"))) {
            // Five clients, each sending requests back to back for a while.
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                Future<Integer> chain = Future.succeededFuture(0);
                for (int i = 0; i < 8; i++) {
                    chain = chain.compose(
                            ok -> h.get("/?sleep=20", Map.of()).map(r -> r.status() == 200 ? ok + 1 : ok));
                }
                clients.add(chain);
            }
            int succeeded = 0;
            for (Future<Integer> f : clients) {
                succeeded += await(f);
            }
            assertThat(succeeded).isEqualTo(40);
            assertThat(h.app.served()).isEqualTo(40);
            assertThat(h.app.maxConcurrency()).isEqualTo(1);
        }
    }

    @Test
    void containerConcurrencySixQueuesSixtyAndRejectsTheSixtySeventh() throws Exception {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("CONTAINER_CONCURRENCY", "6"))) {
            List<Future<Response>> accepted = new ArrayList<>();
            for (int i = 0; i < 66; i++) {
                accepted.add(h.get("/?sleep=1000", Map.of()));
            }
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> queueDepth(h) == 66);
            Response rejected = h.getNow("/?sleep=1000");
            assertThat(rejected.status()).isEqualTo(503);
            assertThat(rejected.body()).isEqualTo("pending request queue full");
            // Six hold a slot, but a request admitted by the breaker is still on its way to the app for a moment.
            await().atMost(Duration.ofSeconds(5)).until(() -> h.app.concurrency() == 6);
            for (Future<Response> f : accepted) {
                assertThat(await(f).status()).isEqualTo(200);
            }
            assertThat(h.app.maxConcurrency()).isEqualTo(6);
        }
    }

    private static int queueDepth(QueueProxyHarness h) {
        String text = h.getNow(h.metricsPort(), "/metrics", Map.of()).body();
        return text.lines()
                .filter(l -> l.startsWith("kn_serving_queue_depth{"))
                .mapToInt(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(-1);
    }

    @Test
    void timeoutSecondsTwo() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("REVISION_TIMEOUT_SECONDS", "2"))) {
            Future<Response> quick = h.get("/?sleep=500", Map.of());
            Future<Response> slow = h.get("/?sleep=3000", Map.of());
            Future<Response> stream = h.get("/stream?chunks=31&interval=100", Map.of());

            assertThat(await(quick).status()).isEqualTo(200);
            Response timedOut = await(slow);
            assertThat(timedOut.status()).isEqualTo(504);
            assertThat(timedOut.body()).isEqualTo("request timeout");
            Response streamed = await(stream);
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.body().lines()).hasSize(31).endsWith("chunk 30");
        }
    }

    @Test
    void responseStartTimeoutGives504WhenNoByteCameInTime() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("REVISION_RESPONSE_START_TIMEOUT_SECONDS", "1"))) {
            Response r = await(h.get("/?sleep=1500", Map.of()));
            assertThat(r.status()).isEqualTo(504);
            assertThat(await(h.get("/stream?chunks=20&interval=100", Map.of())).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void idleTimeoutCutsAStreamThatStopsWriting() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("REVISION_IDLE_TIMEOUT_SECONDS", "1"))) {
            // Writes every 1.5 s: the first gap is longer than the idle timeout, after headers were sent.
            Future<Response> cut = h.get("/stream?chunks=3&interval=1500", Map.of());
            assertThat(cut.toCompletionStage().toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableThat()
                    .isNotNull();
            // Writes every 200 ms: never idle for a second.
            assertThat(await(h.get("/stream?chunks=10&interval=200", Map.of())).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void h2cReachesTheAppAsHttp2OnBothPorts() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            for (int port : new int[] {h.servingPort(), h.h2cPort()}) {
                Response r = await(h.send(h.h2c, port, HttpMethod.GET, "/headers", Map.of("x-user", "kept")));
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                JsonObject seen = new JsonObject(r.body());
                assertThat(seen.getString("protocol")).isEqualTo("HTTP_2");
                assertThat(seen.getString("x-user")).isEqualTo("kept");
            }
        }
    }

    @Test
    void requestBodiesStreamThroughBothWays() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            String big = "x".repeat(1_000_000);
            Response r = await(h.post("/echo", Buffer.buffer(big)));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(big);
        }
    }

    @Test
    void websocketsPassThrough() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("CONTAINER_CONCURRENCY", "1"))) {
            WebSocket ws = await(h.clientVertx
                    .createWebSocketClient()
                    .connect(new WebSocketConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(h.servingPort())
                            .setURI("/ws")));
            CompletableFuture<String> echoed = new CompletableFuture<>();
            ws.textMessageHandler(echoed::complete);
            ws.writeTextMessage("ping through the queue-proxy");
            assertThat(echoed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("ping through the queue-proxy");
            await(ws.close());
        }
    }

    @Test
    void forwardingHeadersFollowTheRuntimeContract() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            JsonObject bare = new JsonObject(h.getNow("/headers").body());
            assertThat(bare.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
            assertThat(bare.getString("x-forwarded-proto")).isEqualTo("http");
            assertThat(bare.getString("forwarded")).isEqualTo("for=127.0.0.1;proto=http");
            assertThat(bare.getString("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
            assertThat(bare.getString("host")).isEqualTo("127.0.0.1:" + h.servingPort());

            String trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            JsonObject relayed = new JsonObject(await(h.get(
                            "/headers",
                            Map.of(
                                    "Host", "hello.default.example.com",
                                    "X-Forwarded-For", "203.0.113.7",
                                    "X-Forwarded-Proto", "https",
                                    "traceparent", trace,
                                    "X-Custom", "verbatim")))
                    .body());
            assertThat(relayed.getString("host")).isEqualTo("hello.default.example.com");
            assertThat(relayed.getString("x-forwarded-for")).isEqualTo("203.0.113.7, 127.0.0.1");
            assertThat(relayed.getString("x-forwarded-proto")).isEqualTo("https");
            assertThat(relayed.getString("forwarded")).isEqualTo("for=203.0.113.7;proto=https, for=127.0.0.1");
            assertThat(relayed.getString("traceparent")).isEqualTo(trace);
            assertThat(relayed.getString("x-custom")).isEqualTo("verbatim");
        }
    }

    @Test
    void answersNetworkProbesFromItsOwnRunOfTheUserProbe() {
        String probe = "{\"httpGet\":{\"host\":\"127.0.0.1\",\"path\":\"/healthz\",\"port\":0,"
                + "\"httpHeaders\":[{\"name\":\"K-Kubelet-Probe\",\"value\":\"queue\"}]},"
                + "\"periodSeconds\":1,\"timeoutSeconds\":1,\"successThreshold\":1}";
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("SERVING_READINESS_PROBE", probe))) {
            Map<String, String> queueProbe = Map.of("K-Network-Probe", "queue");
            Response ready = h.getNow(h.servingPort(), "/", queueProbe);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("queue");
            assertThat(h.app.served()).as("probes never count as requests").isZero();

            h.app.ready(false);
            assertThat(h.getNow(h.servingPort(), "/", queueProbe).status()).isEqualTo(503);
            assertThat(h.getNow(h.servingPort(), "/", Map.of("User-Agent", "kube-probe/1.31"))
                            .status())
                    .isEqualTo(503);
            h.app.ready(true);
            assertThat(h.getNow(h.h2cPort(), "/", queueProbe).status()).isEqualTo(200);

            Response bad = h.getNow(h.servingPort(), "/", Map.of("K-Network-Probe", "activator"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("K-Network-Probe");
        }
    }

    @Test
    void aggressiveProbeWaitsForTheAppToComeUp() throws Exception {
        // Nothing listens on the user port yet: the aggressive TCP probe polls until something does.
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String tcp = "{\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":" + port + "},\"successThreshold\":1}";
        try (QueueProxyHarness h =
                QueueProxyHarness.start(Map.of("USER_PORT", Integer.toString(port), "SERVING_READINESS_PROBE", tcp))) {
            Future<Response> probe = h.get("/", Map.of("K-Network-Probe", "queue"));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !probe.isComplete());
            try (SampleApp late = SampleApp.start("127.0.0.1", port)) {
                Response r = await(probe);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("queue");
            }
        }
    }

    @Test
    void anUnreachableUserContainerGives502() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("USER_PORT", Integer.toString(closed)))) {
            Response r = h.getNow("/");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.body()).contains("unreachable");
        }
    }

    @Test
    void trailersPassThroughOverH2cAsGrpcNeeds() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            MultiMap trailers = await(h.onContext(() -> h.h2c.request(
                            new RequestOptions().setPort(h.servingPort()).setURI("/trailers"))
                    .compose(req -> req.send())
                    .compose(resp -> resp.body().map(b -> {
                        assertThat(b.toString()).isEqualTo("message");
                        return resp.trailers();
                    }))));
            assertThat(trailers.get("grpc-status")).isEqualTo("0");
            assertThat(h.app.lastProtocol()).isEqualTo("HTTP_2");
        }
    }

    @Test
    void timeoutCountsTimeSpentWaitingInTheBreaker() {
        Map<String, String> env = Map.of("CONTAINER_CONCURRENCY", "1", "REVISION_TIMEOUT_SECONDS", "1");
        try (QueueProxyHarness h = QueueProxyHarness.start(env)) {
            // A response that started at once holds the only slot for 3 s; the total timeout lets it run.
            Future<Response> first = h.get("/stream?chunks=30&interval=100", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> h.app.concurrency() == 1);
            Response queued = await(h.get("/", Map.of()));
            assertThat(queued.status()).isEqualTo(504);
            assertThat(queued.body()).isEqualTo("request timeout");
            assertThat(h.app.served())
                    .as("the queued request never reached the app")
                    .isEqualTo(1);
            assertThat(await(first).status()).isEqualTo(200);
        }
    }

    @Test
    void probesBypassTheBreaker() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("CONTAINER_CONCURRENCY", "1"))) {
            Future<Response> busy = h.get("/?sleep=1500", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> h.app.concurrency() == 1);
            long start = System.nanoTime();
            assertThat(h.getNow(h.servingPort(), "/", Map.of("K-Network-Probe", "queue"))
                            .status())
                    .isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
            assertThat(await(busy).status()).isEqualTo(200);
        }
    }

    @Test
    void publishesTheAutoscalerStatAndPrometheusMetrics() {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of())) {
            for (int i = 0; i < 5; i++) {
                h.getNow("/");
            }
            await(h.get("/", Map.of("K-Proxy-Request", "activator")));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonObject stat =
                        new JsonObject(h.getNow(h.statsPort(), "/", Map.of()).body());
                assertThat(stat.getString("podName")).isEqualTo("hello-00001-deployment-abc");
                assertThat(stat.getLong("requestCount")).isEqualTo(6);
                assertThat(stat.getLong("proxiedRequestCount")).isEqualTo(1);
                assertThat(stat.getDouble("averageConcurrentRequests")).isGreaterThan(0);
                assertThat(stat.getDouble("processUptime")).isGreaterThan(0);
            });
            String metrics = h.getNow(h.metricsPort(), "/metrics", Map.of()).body();
            assertThat(metrics)
                    .contains("# TYPE kn_serving_invocation_duration_seconds histogram")
                    .contains("kn_serving_invocation_duration_seconds_count{namespace_name=\"default\"")
                    .contains("revision_name=\"hello-00001\"")
                    .containsPattern("revision_request_count\\{[^}]*response_code_class=\"2xx\"\\} 6");
        }
    }

    @Test
    void drainKeepsServingInFlightThenRefusesNewConnections() throws Exception {
        try (QueueProxyHarness h = QueueProxyHarness.start(Map.of("DRAIN_PERIOD_SECONDS", "1"))) {
            int port = h.servingPort();
            Future<Response> inFlight = h.get("/?sleep=1500", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(() -> h.app.concurrency() == 1);
            Future<Response> waitForDrain = h.send(h.http1, h.adminPort(), HttpMethod.GET, "/wait-for-drain", Map.of());
            await().atMost(Duration.ofSeconds(5)).until(h.qp::draining);

            Response probe = h.getNow(h.servingPort(), "/", Map.of("K-Network-Probe", "queue"));
            assertThat(probe.status()).isEqualTo(503);
            assertThat(probe.body()).isEqualTo("shutting down");
            assertThat(h.getNow("/").status())
                    .as("still serving while draining")
                    .isEqualTo(200);

            assertThat(await(inFlight).status()).isEqualTo(200);
            assertThat(await(waitForDrain).status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                    .isInstanceOf(ConnectException.class);
        }
    }
}
