package dev.kinetic.serving.controller.testing;

import static org.awaitility.Awaitility.await;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.KineticKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * What the reconciler tests do to the Kubernetes test server: write objects as the webhook would have admitted
 * them, wait for objects the controller creates or changes, and play the Deployment controller.
 */
public final class TestCluster {
    /** Long enough for any reconcile chain here; a passing test never waits this long. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client;

    public TestCluster(KubernetesClient client) {
        this.client = client;
    }

    /** {@code resource} defaulted as the admission webhook does before it is stored. */
    public static <T extends HasMetadata> T admitted(T resource) {
        Admission.setDefaultsAny(KineticKinds.of(resource.getClass()), resource, ApiConfig.defaults());
        return resource;
    }

    /** Creates {@code resource} as admitted. */
    public <T extends HasMetadata> T create(T resource) {
        return client.resource(admitted(resource)).create();
    }

    /** Waits until the object exists. */
    public <T extends HasMetadata> T awaitObject(Class<T> type, String ns, String name) {
        return awaitUntil(type, ns, name, r -> true);
    }

    /** Waits until the object exists and {@code condition} holds for it. */
    public <T extends HasMetadata> T awaitUntil(Class<T> type, String ns, String name, Predicate<T> condition) {
        return await().atMost(WAIT)
                .until(
                        () -> client.resources(type)
                                .inNamespace(ns)
                                .withName(name)
                                .get(),
                        r -> r != null && condition.test(r));
    }

    /** Waits for the revision's Deployment, then reports it available as the Deployment controller would. */
    public void revisionBecomesReady(String ns, String revision) {
        await().atMost(WAIT)
                .until(
                        () -> client.apps()
                                .deployments()
                                .inNamespace(ns)
                                .withName(revision + "-deployment")
                                .get(),
                        d -> d != null);
        new FakeKubelet(client).markAvailable(ns, revision);
    }
}
