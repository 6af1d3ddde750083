package dev.kinetic.eventing.broker.controller.destination;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/** Reads objects of any kind through the API server, finding the kind's resource name by API discovery. */
public final class KubernetesObjectReader implements ObjectReader {
    private final KubernetesClient client;

    public KubernetesObjectReader(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<GenericKubernetesResource> get(String apiVersion, String kind, String namespace, String name) {
        try {
            return Optional.ofNullable(client.genericKubernetesResources(apiVersion, kind)
                    .inNamespace(namespace)
                    .withName(name)
                    .get());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 0 && e.getMessage() != null && e.getMessage().contains("Could not find")) {
                throw new UnknownKindException("the API server does not serve kind " + kind + " in " + apiVersion, e);
            }
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
