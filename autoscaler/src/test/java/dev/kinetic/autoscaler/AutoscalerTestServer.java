package dev.kinetic.autoscaler;

import dev.kinetic.testsupport.fixtures.ServingFixtures;
import dev.kinetic.testsupport.kube.ApplyKineticCrds;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/** The Kubernetes test server with our CRDs and the autoscaler's config (short windows, so tests run quickly). */
public class AutoscalerTestServer implements Consumer<KubernetesServer> {
    public static final String SYSTEM_NAMESPACE = "kinetic-system";
    /** The activator the tests' ServerlessServices proxy to. */
    public static final String ACTIVATOR_IP = "127.0.9.1";

    @Override
    public void accept(KubernetesServer server) {
        new ApplyKineticCrds().accept(server);
        KubernetesClient client = server.getClient();
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("config-autoscaler")
                        .withNamespace(SYSTEM_NAMESPACE)
                        .endMetadata()
                        .addToData("stable-window", "6s")
                        .addToData("scale-to-zero-grace-period", "2s")
                        .build())
                .create();
        client.resource(endpointSlice(SYSTEM_NAMESPACE, "kinetic-activator", "kinetic-activator", ACTIVATOR_IP))
                .create();
    }

    /** An EndpointSlice of {@code service} listing {@code addresses} as ready. */
    public static EndpointSlice endpointSlice(String namespace, String name, String service, String... addresses) {
        return ServingFixtures.readyEndpoints(namespace, name, service, addresses);
    }
}
