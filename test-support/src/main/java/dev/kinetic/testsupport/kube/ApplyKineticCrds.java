package dev.kinetic.testsupport.kube;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * Applies Kinetic's CRDs ({@link KineticCrds#load()}) to the Quarkus Kubernetes test server before the application
 * under test starts, so that the server serves Kinetic's kinds with their {@code /status} subresource.
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithKubernetesTestServer(crud = true, setup = ApplyKineticCrds.class)
 * class ServiceReconcilerTest { ... }
 * }</pre>
 *
 * <p>{@code crud = true} is required: without it the server only answers expectations and ignores CRDs.
 */
public class ApplyKineticCrds implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        GroupAwareAttributes.install(server.getKubernetesMockServer());
        KineticCrds.load().applyTo(server.getClient());
    }
}
