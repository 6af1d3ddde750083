package dev.kinetic.eventing.core.contract;

/**
 * Where a receiver accepts a resource's events.
 *
 * @param path the request path, {@code /{namespace}/{name}} for a Broker
 * @param host the Host a channel is addressed by, or {@code null}
 * @param contentMode how events are written to Kafka
 */
public record Ingress(String path, String host, ContentMode contentMode) {
    public Ingress {
        contentMode = contentMode == null ? ContentMode.BINARY : contentMode;
    }

    /** The Kafka encoding of the events a receiver writes. */
    public enum ContentMode {
        BINARY,
        STRUCTURED
    }
}
