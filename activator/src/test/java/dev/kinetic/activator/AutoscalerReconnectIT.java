package dev.kinetic.activator;

import static dev.kinetic.activator.TestCluster.awaitReadyPods;
import static dev.kinetic.activator.TestHttp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.activator.TestHttp.Reply;
import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The autoscaler is down when the activator starts: requests are still served, and stats flow once it is up. */
@WithKineticApi
class AutoscalerReconnectIT {

    @Test
    void servesWithoutTheAutoscalerAndReconnectsWhenItComes(KubernetesClient client) throws Exception {
        Vertx vertx = Vertx.vertx();
        int port = freePort();
        Activator activator =
                TestCluster.startActivator(vertx, client, "ws://127.0.0.1:" + port + "/ws", Map.of(), 10_000);
        TestCluster cluster = new TestCluster(client);
        try (TestHttp http = new TestHttp(vertx, activator.port());
                FakeQueueProxy pod = FakeQueueProxy.start(vertx, "127.0.0.20")) {
            cluster.revision("offline", "hello-00001", null, null);
            cluster.slice("offline", "hello-00001", pod, true);
            awaitReadyPods(activator, "offline", "hello-00001", pod);

            for (int i = 0; i < 5; i++) {
                Reply r = await(http.get("offline", "hello-00001", "/"));
                assertThat(r.status()).isEqualTo(200);
            }
            assertThat(activator.autoscaler().isConnected()).isFalse();
            // The next report finds no connection: it is dropped, not queued.
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> activator.autoscaler().dropped() > 0);

            try (AutoscalerStub late = AutoscalerStub.start(vertx, port)) {
                // A long request keeps the revision active, so every report after reconnecting carries it.
                CompletableFuture<Reply> longOne = http.get("offline", "hello-00001", "/?sleep=6000");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !late.forRevision("offline", "hello-00001").isEmpty());
                assertThat(late.connections()).containsExactly("/ws");
                assertThat(activator.autoscaler().isConnected()).isTrue();
                assertThat(late.forRevision("offline", "hello-00001")
                                .get(0)
                                .stat()
                                .averageConcurrency())
                        .isPositive();
                longOne.cancel(true);
            }
        } finally {
            activator.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
