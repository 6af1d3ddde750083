package dev.kinetic.eventing.core.contract;

import java.util.List;

/**
 * One addressable resource (a Broker, a Channel): the topic its ingress writes to and the egresses that consume it.
 *
 * @param uid the resource's Kubernetes uid, its key in diffs
 * @param topics the Kafka topics (the receiver writes to the first, egresses consume all)
 * @param bootstrapServers Kafka's bootstrap servers, comma separated
 * @param ingress where the receiver accepts events for it, or {@code null} when it has no ingress
 * @param egressConfig the resource-wide delivery (a Broker's {@code spec.delivery}); an egress's own wins
 * @param egresses the egresses, each keyed by its {@link Egress#uid()}
 * @param reference which Kubernetes object this is, for metrics and logs
 */
public record Resource(
        String uid,
        List<String> topics,
        String bootstrapServers,
        Ingress ingress,
        EgressConfig egressConfig,
        List<Egress> egresses,
        Reference reference) {
    public Resource {
        topics = topics == null ? List.of() : List.copyOf(topics);
        egresses = egresses == null ? List.of() : List.copyOf(egresses);
    }
}
