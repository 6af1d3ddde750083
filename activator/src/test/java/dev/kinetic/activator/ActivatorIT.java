package dev.kinetic.activator;

import static dev.kinetic.activator.TestCluster.awaitReadyPods;
import static dev.kinetic.activator.TestCluster.awaitRevision;
import static dev.kinetic.activator.TestHttp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.activator.AutoscalerStub.Received;
import dev.kinetic.activator.TestHttp.Reply;
import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The activator over real sockets: its informers watch the Kubernetes test server, "pods" are {@link FakeQueueProxy}
 * + {@link dev.kinetic.testsupport.app.SampleApp} pairs on loopback addresses, and the autoscaler is a WebSocket
 * {@link AutoscalerStub}. One activator serves most tests; each test has its own namespace.
 */
@WithKineticApi
class ActivatorIT {
    static Vertx vertx;
    static AutoscalerStub autoscaler;
    static Activator activator;
    static TestHttp http;
    static TestCluster cluster;
    static KubernetesClient client;
    static final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    @BeforeAll
    static void start(KubernetesClient kube) throws Exception {
        client = kube;
        vertx = Vertx.vertx();
        autoscaler = AutoscalerStub.start(vertx, 0);
        activator = TestCluster.startActivator(vertx, client, autoscaler.url(), Map.of(), 10_000);
        http = new TestHttp(vertx, activator.port());
        cluster = new TestCluster(client);
        await().atMost(Duration.ofSeconds(5)).until(() -> activator.autoscaler().isConnected());
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        activator.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
        autoscaler.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static FakeQueueProxy pod(String ip) throws Exception {
        FakeQueueProxy pod = FakeQueueProxy.start(vertx, ip);
        toClose.push(pod);
        return pod;
    }

    /** A revision with these pods, each in an EndpointSlice of its own, once all of them are in rotation. */
    static List<FakeQueueProxy> revisionWithPods(String ns, String name, Long cc, Long timeoutSeconds, String... ips)
            throws Exception {
        cluster.revision(ns, name, cc, timeoutSeconds);
        List<FakeQueueProxy> pods = new ArrayList<>();
        for (String ip : ips) {
            FakeQueueProxy pod = pod(ip);
            cluster.slice(ns, name, pod, true);
            pods.add(pod);
        }
        awaitReadyPods(activator, ns, name, pods.toArray(FakeQueueProxy[]::new));
        return pods;
    }

    @Test
    void requestsWaitForAPodAndNoneIsLost_andTheAutoscalerHearsAtOnce() throws Exception {
        String ns = "scale-from-zero";
        cluster.revision(ns, "hello-00001", null, null);
        awaitRevision(activator, ns, "hello-00001");

        long firstSent = System.nanoTime();
        List<CompletableFuture<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            replies.add(http.get(ns, "hello-00001", "/"));
        }

        await().atMost(Duration.ofSeconds(2))
                .until(() -> !autoscaler.forRevision(ns, "hello-00001").isEmpty());
        Received poke = autoscaler.forRevision(ns, "hello-00001").get(0);
        long gapMillis = TimeUnit.NANOSECONDS.toMillis(poke.arrivedNanos() - firstSent);
        assertThat(gapMillis)
                .as("first stat %d ms after the first request", gapMillis)
                .isLessThan(100);
        assertThat(poke.stat().podName()).isEqualTo("activator-test");
        assertThat(poke.stat().requestCount()).isPositive();
        assertThat(poke.stat().averageConcurrency()).isPositive();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> activator
                                .registry()
                                .get(new RevisionKey(ns, "hello-00001"))
                                .throttler()
                                .queued()
                        == 50);
        assertThat(replies).noneMatch(CompletableFuture::isDone);

        FakeQueueProxy pod = pod("127.0.0.2");
        cluster.slice(ns, "hello-00001", pod, true);

        for (CompletableFuture<Reply> reply : replies) {
            Reply r = await(reply);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("hello");
        }
        assertThat(pod.app().served()).isEqualTo(50);
        // The periodic reports count every one of them.
        await().atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(autoscaler.forRevision(ns, "hello-00001").stream()
                                .skip(1)
                                .mapToLong(r -> r.stat().requestCount())
                                .sum())
                        .isEqualTo(50));
    }

    @Test
    void aPodThatFailsItsProbeGetsNoTraffic_andRejoinsWhenItPasses() throws Exception {
        String ns = "probing";
        cluster.revision(ns, "hello-00001", null, null);
        FakeQueueProxy good = pod("127.0.0.3");
        FakeQueueProxy bad = pod("127.0.0.4").probeHealthy(false);
        cluster.slice(ns, "hello-00001", good, true);
        cluster.slice(ns, "hello-00001", bad, true);
        awaitReadyPods(activator, ns, "hello-00001", good);
        await().atMost(Duration.ofSeconds(5)).until(() -> bad.probes() >= 3);

        for (Reply r : sendAll(20, () -> http.get(ns, "hello-00001", "/"))) {
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(good.app().served()).isEqualTo(20);
        assertThat(bad.requests()).isZero();
        assertThat(bad.app().served()).isZero();

        // It passes now: back in rotation. The other starts failing: out of rotation, still probed.
        bad.probeHealthy(true);
        awaitReadyPods(activator, ns, "hello-00001", good, bad);
        good.probeHealthy(false);
        awaitReadyPods(activator, ns, "hello-00001", bad);
        for (Reply r : sendAll(10, () -> http.get(ns, "hello-00001", "/"))) {
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(bad.app().served()).isEqualTo(10);
        assertThat(good.app().served()).isEqualTo(20);
    }

    @Test
    void containerConcurrencyIsNeverExceededOnAnyPod() throws Exception {
        String ns = "throttle";
        List<FakeQueueProxy> pods = revisionWithPods(ns, "hello-00001", 3L, null, "127.0.0.5", "127.0.0.6");
        FakeQueueProxy a = pods.get(0);
        FakeQueueProxy b = pods.get(1);
        assertThat(activator
                        .registry()
                        .get(new RevisionKey(ns, "hello-00001"))
                        .throttler()
                        .capacity())
                .isEqualTo(6);

        List<Reply> replies = sendAll(20, () -> http.get(ns, "hello-00001", "/?sleep=250"));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(a.app().maxConcurrency()).isBetween(1, 3);
        assertThat(b.app().maxConcurrency()).isBetween(1, 3);
        assertThat(a.app().served() + b.app().served()).isEqualTo(20);
    }

    @Test
    void routing_unknownRevisionIs404_hostLookupWorks_andThePodSeesOnlyWhatItShould() throws Exception {
        String ns = "routing";
        FakeQueueProxy pod =
                revisionWithPods(ns, "hello-00001", null, null, "127.0.0.7").get(0);

        Reply unknown = await(http.get(ns, "nope-00009", "/"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("routing/nope-00009").contains("not found");

        Reply unnamed = await(http.send(http.options("/"), false));
        assertThat(unnamed.status()).isEqualTo(404);
        assertThat(unnamed.body()).contains("no revision named");

        Reply byHost = await(http.getWithHost("hello-00001.routing.svc.cluster.local", "/headers"));
        assertThat(byHost.status()).isEqualTo(200);
        assertThat(new JsonObject(byHost.body()).getString("k-proxy-request")).isEqualTo("activator");
        assertThat(await(http.getWithHost("hello-00001.routing", "/")).status()).isEqualTo(200);

        RequestOptions withExtras = http.options("/headers")
                .putHeader("Knative-Serving-Revision", "hello-00001")
                .putHeader("Knative-Serving-Namespace", ns)
                .putHeader("Knative-Serving-Tag", "blue")
                .putHeader("X-Custom", "kept");
        Reply byHeaders = await(http.send(withExtras, false));
        assertThat(byHeaders.status()).isEqualTo(200);
        Map<String, String> seen = pod.app().lastHeaders();
        assertThat(seen.keySet()).noneMatch(name -> name.startsWith("knative-serving-"));
        assertThat(seen)
                .containsEntry("k-proxy-request", "activator")
                .containsEntry("x-custom", "kept")
                .containsEntry("x-forwarded-for", "127.0.0.1")
                .containsEntry("x-forwarded-proto", "http")
                .containsKey("forwarded");
    }

    @Test
    void theRevisionTimeoutBeforeTheFirstByteIs504() throws Exception {
        String ns = "timeouts";
        FakeQueueProxy pod =
                revisionWithPods(ns, "slow-00001", null, 1L, "127.0.0.8").get(0);

        long start = System.nanoTime();
        Reply r = await(http.get(ns, "slow-00001", "/?sleep=3000"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("activator request timeout");
        assertThat(tookMillis).isBetween(900L, 2500L);
    }

    @Test
    void aFullQueueIs503_andWaitingPastTheTimeoutIs503() throws Exception {
        Activator small = TestCluster.startActivator(vertx, client, autoscaler.url(), Map.of(), 3);
        try (TestHttp smallHttp = new TestHttp(vertx, small.port())) {
            String ns = "queue-full";
            cluster.revision(ns, "hello-00001", null, 2L);
            awaitRevision(small, ns, "hello-00001");

            List<CompletableFuture<Reply>> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiting.add(smallHttp.get(ns, "hello-00001", "/"));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> small.registry()
                                    .get(new RevisionKey(ns, "hello-00001"))
                                    .throttler()
                                    .queued()
                            == 3);

            Reply rejected = await(smallHttp.get(ns, "hello-00001", "/"));
            assertThat(rejected.status()).isEqualTo(503);
            assertThat(rejected.body()).contains("queue-full/hello-00001").contains("is full");

            for (CompletableFuture<Reply> reply : waiting) {
                Reply r = await(reply);
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.body()).contains("within its timeout of 2s");
            }
        } finally {
            small.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void http2ComesInAndGoesOutAsH2c_onBothPorts() throws Exception {
        String ns = "h2c";
        FakeQueueProxy pod =
                revisionWithPods(ns, "grpc-00001", null, null, "127.0.0.9").get(0);

        Reply r = await(http.getH2c(ns, "grpc-00001", "/headers"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(pod.app().lastProtocol()).isEqualTo("HTTP_2");
        assertThat(pod.app().lastHeaders()).containsEntry("k-proxy-request", "activator");

        try (TestHttp h2cPort = new TestHttp(vertx, activator.h2cPort())) {
            assertThat(await(h2cPort.getH2c(ns, "grpc-00001", "/")).status()).isEqualTo(200);
            assertThat(await(h2cPort.get(ns, "grpc-00001", "/")).status()).isEqualTo(200);
        }
    }

    @Test
    void aPodThatVanishesIsNotRetriedOnceAppReached_butUnreachableOnesAreRetriedElsewhere() throws Exception {
        String ns = "vanishing";
        cluster.revision(ns, "hello-00001", null, null);
        FakeQueueProxy gone = FakeQueueProxy.start(vertx, "127.0.0.10");
        FakeQueueProxy stays = pod("127.0.0.11");
        cluster.slice(ns, "hello-00001", gone, true);
        cluster.slice(ns, "hello-00001", stays, true);
        awaitReadyPods(activator, ns, "hello-00001", gone, stays);

        // Its port closes before any probe can notice: requests sent to it reach nothing and go to the other pod.
        gone.close();
        List<Reply> replies = sendAll(20, () -> http.get(ns, "hello-00001", "/"));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(stays.app().served()).isEqualTo(20);
        awaitReadyPods(activator, ns, "hello-00001", stays);
    }

    @Test
    void healthIsAnsweredOnAnyPath() throws Exception {
        for (String path : List.of("/healthz", "/", "/anything")) {
            Reply r = await(http.send(http.options(path).putHeader("K-Network-Probe", "activator"), false));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("activator");
        }
        Reply kubelet = await(http.send(http.options("/healthz").putHeader("User-Agent", "kube-probe/1.31"), false));
        assertThat(kubelet.status()).isEqualTo(200);
    }

    @Test
    void drainFailsHealthKeepsServingAndEndsWhenQuietAndIdle() throws Exception {
        Activator draining = TestCluster.startActivator(vertx, client, autoscaler.url(), Map.of(), 10_000);
        try (TestHttp h = new TestHttp(vertx, draining.port());
                TestHttp admin = new TestHttp(vertx, draining.adminPort())) {
            String ns = "drain";
            cluster.revision(ns, "hello-00001", null, null);
            FakeQueueProxy pod = pod("127.0.0.12");
            cluster.slice(ns, "hello-00001", pod, true);
            awaitReadyPods(draining, ns, "hello-00001", pod);

            CompletableFuture<Reply> slow = h.get(ns, "hello-00001", "/?sleep=900");
            await().atMost(Duration.ofSeconds(5)).until(() -> pod.app().concurrency() == 1);
            long drainStart = System.nanoTime();
            CompletableFuture<Void> drained =
                    draining.drain(Duration.ofMillis(300)).toCompletionStage().toCompletableFuture();
            CompletableFuture<Reply> waitForDrain = admin.send(admin.options("/wait-for-drain"), false);

            Reply health = await(h.send(h.options("/healthz").putHeader("K-Network-Probe", "activator"), false));
            assertThat(health.status()).isEqualTo(503);
            assertThat(await(h.get(ns, "hello-00001", "/")).status())
                    .as("still serving while draining")
                    .isEqualTo(200);
            assertThat(drained).isNotDone();

            assertThat(await(slow).status()).isEqualTo(200);
            drained.get(5, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart))
                    .as("waited for the in-flight request")
                    .isGreaterThanOrEqualTo(800);
            Reply waited = await(waitForDrain);
            assertThat(waited.status()).isEqualTo(200);
            assertThat(waited.body()).isEqualTo("drained");
        } finally {
            draining.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Sends {@code n} requests at once and waits for every reply. */
    static List<Reply> sendAll(int n, java.util.function.Supplier<CompletableFuture<Reply>> request) throws Exception {
        List<CompletableFuture<Reply>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(request.get());
        }
        List<Reply> replies = new ArrayList<>();
        for (CompletableFuture<Reply> f : futures) {
            replies.add(await(f));
        }
        return replies;
    }
}
