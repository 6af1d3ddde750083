package dev.kinetic.activator;

import static org.awaitility.Awaitility.await;

import dev.kinetic.activator.discovery.BackendRegistry;
import dev.kinetic.activator.discovery.EndpointSliceAddresses;
import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.activator.throttle.PodTracker;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes what the serving controller and Kubernetes would, and starts activators against the test server. */
final class TestCluster {
    private final KubernetesClient client;

    TestCluster(KubernetesClient client) {
        this.client = client;
    }

    /** An activator on free loopback ports, fast probing, reporting to {@code autoscalerUrl}. */
    static Activator startActivator(
            Vertx vertx, KubernetesClient client, String autoscalerUrl, Map<String, String> extraEnv, int queueDepth)
            throws Exception {
        Map<String, String> env = new HashMap<>(Map.of(
                "ACTIVATOR_BIND_ADDRESS", "127.0.0.1",
                "ACTIVATOR_PORT", "0",
                "ACTIVATOR_H2C_PORT", "0",
                "ACTIVATOR_ADMIN_PORT", "0",
                "AUTOSCALER_URL", autoscalerUrl,
                "POD_NAME", "activator-test",
                "PROBE_FREQUENCY", "50ms",
                "PROBE_TIMEOUT", "300ms",
                "DRAIN_PERIOD_SECONDS", "1"));
        env.putAll(extraEnv);
        ActivatorConfig config = ActivatorConfig.fromEnv(env).withQueueDepth(queueDepth);
        return Activator.start(vertx, config, client)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /** Creates a revision; {@code cc} and {@code timeoutSeconds} of null stay unset (Knative's defaults apply). */
    Revision revision(String namespace, String name, Long cc, Long timeoutSeconds) {
        Revision r = ServingFixtures.revision(namespace, name, rev -> {
            rev.getSpec().setContainerConcurrency(cc);
            rev.getSpec().setTimeoutSeconds(timeoutSeconds);
        });
        return client.resource(r).create();
    }

    /** An EndpointSlice of the revision's private Service listing one pod (port named {@code http}). */
    EndpointSlice slice(String namespace, String revision, FakeQueueProxy pod, boolean ready) {
        String name = revision + "-private-" + pod.ip().replace('.', '-') + "-" + pod.port();
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels(EndpointSliceAddresses.SERVICE_NAME_LABEL, revision + "-private")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withName("http")
                .withPort(pod.port())
                .withProtocol("TCP")
                .endPort()
                .addNewEndpoint()
                .withAddresses(pod.ip())
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .endEndpoint()
                .build();
        return client.resource(slice).createOr(NonDeletingOperation::update);
    }

    void deleteSlice(EndpointSlice slice) {
        client.resource(slice).delete();
    }

    /** Waits until the activator's informers have seen the revision. */
    static void awaitRevision(Activator activator, String namespace, String name) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> activator.registry().get(new RevisionKey(namespace, name)) != null);
    }

    /** Waits until exactly these pods of the revision passed their probes and are in rotation. */
    static void awaitReadyPods(Activator activator, String namespace, String name, FakeQueueProxy... pods) {
        List<String> expected = java.util.Arrays.stream(pods)
                .map(FakeQueueProxy::address)
                .sorted()
                .toList();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            BackendRegistry.RevisionBackend backend = activator.registry().get(new RevisionKey(namespace, name));
            return backend != null
                    && backend.throttler().pods().stream()
                            .map(PodTracker::address)
                            .toList()
                            .equals(expected);
        });
    }
}
