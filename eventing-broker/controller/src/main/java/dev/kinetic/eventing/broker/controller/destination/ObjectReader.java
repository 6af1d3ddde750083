package dev.kinetic.eventing.broker.controller.destination;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/** Reads any object by apiVersion, kind, namespace and name: the only I/O destination resolution needs. */
public interface ObjectReader {

    /**
     * @return the object, or empty when it does not exist
     * @throws UnknownKindException when the API server does not serve {@code kind} in {@code apiVersion}
     */
    Optional<GenericKubernetesResource> get(String apiVersion, String kind, String namespace, String name);

    /** The API server does not serve the kind a reference names. */
    final class UnknownKindException extends RuntimeException {
        public UnknownKindException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
