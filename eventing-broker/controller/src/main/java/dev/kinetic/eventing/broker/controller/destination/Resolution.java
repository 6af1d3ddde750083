package dev.kinetic.eventing.broker.controller.destination;

import dev.kinetic.api.duck.v1.Addressable;

/** The outcome of resolving a Destination. */
public sealed interface Resolution {

    /** The destination resolved to an address (URL, and CA certificates and audience where known). */
    record Resolved(Addressable address) implements Resolution {
        public String url() {
            return address.getUrl();
        }
    }

    /**
     * The destination cannot be resolved now: the object is missing or has no address yet, or a URI is bad.
     *
     * @param reason one CamelCase word for a condition
     * @param message what is wrong, naming the reference or URI
     */
    record Unresolvable(String reason, String message) implements Resolution {}
}
