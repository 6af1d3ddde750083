package dev.kinetic.autoscaler.kpa;

import static dev.kinetic.autoscaler.AutoscalerTestServer.endpointSlice;
import static dev.kinetic.testsupport.fixtures.Options.withAnnotation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.autoscaler.AutoscalerTestServer;
import dev.kinetic.autoscaler.StandIns;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The KPA against the Kubernetes test server, with real sockets for what it talks to: queue-proxy stat endpoints it
 * scrapes, an activator it probes, and a WebSocket client sending activator stats. Windows are shortened through
 * {@code config-autoscaler} (stable window 6 s, grace 2 s).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = AutoscalerTestServer.class)
class PodAutoscalerReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static StandIns standIns;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/ws")
    URI statServer;

    @BeforeAll
    static void startStandIns() {
        standIns = new StandIns();
        standIns.activator(AutoscalerTestServer.ACTIVATOR_IP);
    }

    @AfterAll
    static void stopStandIns() throws Exception {
        standIns.close();
    }

    /** A revision as the serving controller leaves it: Deployment, ServerlessService, PodAutoscaler, one ready pod. */
    private void revision(String ns, String name, String podIp, int replicas, String... annotations) {
        client.resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name + "-deployment")
                        .withNamespace(ns)
                        .addNewOwnerReference()
                        .withApiVersion("serving.knative.dev/v1")
                        .withKind("Revision")
                        .withName(name)
                        .withUid("uid-" + name)
                        .withController(true)
                        .endOwnerReference()
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .addToMatchLabels(Knative.REVISION_LABEL, name)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels(Knative.REVISION_LABEL, name)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("user-container")
                        .withImage("app")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        client.resource(ServingFixtures.serverlessService(ns, name)).create();
        PodAutoscaler pa = ServingFixtures.podAutoscaler(ns, name);
        for (int i = 0; i + 1 < annotations.length; i += 2) {
            withAnnotation(annotations[i], annotations[i + 1]).accept(pa);
        }
        pa.getSpec().setReachability(PodAutoscalerSpec.REACHABLE);
        client.resource(pa).create();
        if (podIp != null) {
            client.resource(endpointSlice(ns, name + "-private-abc", name + "-private", podIp))
                    .create();
        }
    }

    private PodAutoscaler awaitPa(String ns, String name, Predicate<PodAutoscaler> condition) {
        return await().atMost(WAIT)
                .until(
                        () -> client.resources(PodAutoscaler.class)
                                .inNamespace(ns)
                                .withName(name)
                                .get(),
                        pa -> pa != null && pa.getStatus() != null && condition.test(pa));
    }

    private Deployment awaitReplicas(String ns, String name, int replicas) {
        return await().atMost(WAIT)
                .until(
                        () -> client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName(name + "-deployment")
                                .get(),
                        d -> d.getSpec().getReplicas() == replicas);
    }

    private static boolean condition(PodAutoscaler pa, String type, String status) {
        return pa.getStatus()
                .condition(type)
                .map(c -> status.equals(c.getStatus()))
                .orElse(false);
    }

    @Test
    void readyRevisionIsActiveBehindTheActivatorWhileBurstCapacityIsShort() {
        String ns = "kpa-ready";
        standIns.queueProxyStat("127.0.9.11", "p1", () -> 0.0, 100);
        revision(ns, "rev", "127.0.9.11", 1);

        PodAutoscaler pa = awaitPa(
                ns,
                "rev",
                p -> condition(p, PodAutoscalerStatus.ACTIVE, Condition.TRUE)
                        && condition(p, PodAutoscalerStatus.SKS_READY, Condition.TRUE));
        assertThat(pa.getStatus().getActualScale()).isEqualTo(1);
        assertThat(pa.getStatus().getServiceName()).isEqualTo("rev");
        assertThat(pa.getStatus().getMetricsServiceName()).isEqualTo("rev-private");
        assertThat(condition(pa, PodAutoscalerStatus.SCALE_TARGET_INITIALIZED, Condition.TRUE))
                .isTrue();
        // One pod of capacity 100 is less than the default burst capacity of 211: the activator stays in the path.
        ServerlessService sks = client.resources(ServerlessService.class)
                .inNamespace(ns)
                .withName("rev")
                .get();
        assertThat(sks.getSpec().getMode()).isEqualTo(ServerlessServiceSpec.MODE_PROXY);
        EndpointSlice publicSlice = await().atMost(WAIT)
                .until(
                        () -> client.discovery()
                                .v1()
                                .endpointSlices()
                                .inNamespace(ns)
                                .withName("rev")
                                .get(),
                        s -> s != null && !s.getEndpoints().isEmpty());
        assertThat(publicSlice.getEndpoints().get(0).getAddresses()).containsExactly(AutoscalerTestServer.ACTIVATOR_IP);
        assertThat(publicSlice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "rev");
    }

    @Test
    void scrapedConcurrencyScalesUpInPanicAndServeModeOnceCapacitySuffices() {
        String ns = "kpa-up";
        AtomicReference<Double> load = new AtomicReference<>(0.0);
        standIns.queueProxyStat("127.0.9.21", "p1", load::get, 100);
        revision(
                ns,
                "rev",
                "127.0.9.21",
                1,
                Knative.TARGET_ANNOTATION,
                "10",
                Knative.TARGET_UTILIZATION_ANNOTATION,
                "100",
                Knative.TARGET_BURST_CAPACITY_ANNOTATION,
                "0");
        awaitPa(ns, "rev", p -> condition(p, PodAutoscalerStatus.ACTIVE, Condition.TRUE));

        load.set(50.0);
        awaitReplicas(ns, "rev", 5);
        PodAutoscaler pa =
                awaitPa(ns, "rev", p -> Integer.valueOf(5).equals(p.getStatus().getDesiredScale()));
        assertThat(pa.getStatus().getActualScale()).isEqualTo(1);
        // Burst capacity 0: the activator only fronts a revision at zero.
        await().atMost(WAIT)
                .until(
                        () -> client.resources(ServerlessService.class)
                                .inNamespace(ns)
                                .withName("rev")
                                .get()
                                .getSpec()
                                .getMode(),
                        ServerlessServiceSpec.MODE_SERVE::equals);
    }

    @Test
    void idleRevisionGoesToZeroThroughTheActivatorAndComesBackOnItsFirstStat() throws Exception {
        String ns = "kpa-zero";
        standIns.queueProxyStat("127.0.9.31", "p1", () -> 0.0, 100);
        revision(ns, "rev", "127.0.9.31", 1);
        awaitPa(ns, "rev", p -> condition(p, PodAutoscalerStatus.ACTIVE, Condition.TRUE));

        // No traffic: after the stable window the PA goes inactive, the activator is probed, and then zero.
        PodAutoscaler inactive = awaitPa(ns, "rev", p -> condition(p, PodAutoscalerStatus.ACTIVE, Condition.FALSE));
        assertThat(inactive.getStatus()
                        .condition(PodAutoscalerStatus.ACTIVE)
                        .get()
                        .getReason())
                .isEqualTo(PodAutoscalerStatus.REASON_NO_TRAFFIC);
        awaitReplicas(ns, "rev", 0);
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns)
                .withName("rev-private-abc")
                .delete();
        awaitPa(ns, "rev", p -> Integer.valueOf(0).equals(p.getStatus().getActualScale()));

        // The activator's first stat for the revision wakes it at once.
        WebSocket ws = standIns.vertx()
                .createHttpClient()
                .webSocket(new WebSocketConnectOptions()
                        .setHost(statServer.getHost())
                        .setPort(statServer.getPort())
                        .setURI("/ws"))
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        long sent = System.nanoTime();
        ws.writeTextMessage(new JsonObject()
                .put("namespace", ns)
                .put("revision", "rev")
                .put("podName", "activator-1")
                .put("averageConcurrency", 1.0)
                .put("requestCount", 1)
                .put("timestamp", System.currentTimeMillis())
                .encode());
        awaitReplicas(ns, "rev", 1);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        // Well within one decision tick (2 s): the stat poked the decider.
        assertThat(millis).isLessThan(1500);
        ws.close();
    }
}
