package dev.kinetic.eventing.broker.controller;

import dev.kinetic.eventing.broker.controller.destination.DestinationResolver;
import dev.kinetic.eventing.broker.controller.destination.KubernetesObjectReader;
import dev.kinetic.eventing.broker.controller.destination.ObjectReader;
import dev.kinetic.eventing.broker.controller.kube.Backoff;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** CDI producers for the controller's plain (non-CDI) collaborators. */
@Dependent
public class ControllerWiring {

    /** Reads objects of any kind through the API server. */
    @Produces
    @Singleton
    ObjectReader objectReader(KubernetesClient client) {
        return new KubernetesObjectReader(client);
    }

    /** Resolves destinations through the API server. */
    @Produces
    @Singleton
    DestinationResolver destinationResolver(ObjectReader reader, BrokerControllerSettings settings) {
        return new DestinationResolver(settings.clusterDomain(), reader);
    }

    /** Retry delays after transient failures, per object (each reconciler keys by its objects' uids). */
    @Produces
    @Singleton
    Backoff backoff(BrokerControllerSettings settings) {
        return new Backoff(settings.backoffInitial(), settings.backoffMax());
    }
}
