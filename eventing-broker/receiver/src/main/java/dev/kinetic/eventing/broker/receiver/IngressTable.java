package dev.kinetic.eventing.broker.receiver;

import dev.kinetic.eventing.core.contract.ContractListener;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.eventing.core.kafka.EventProducer;
import dev.kinetic.eventing.core.kafka.SharedProducers;
import io.cloudevents.core.message.Encoding;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;

/**
 * The receiver's routes, kept from the contract by diff: request path → the broker's topic and producer. Reads are
 * lock-free on a map replaced on each change (changes are rare, requests are many).
 */
final class IngressTable implements ContractListener {
    private static final Logger LOG = System.getLogger(IngressTable.class.getName());

    private final SharedProducers producers;
    private final ReceiverMetrics metrics;
    private volatile Map<String, Target> byPath = Map.of();

    IngressTable(SharedProducers producers, ReceiverMetrics metrics) {
        this.producers = producers;
        this.metrics = metrics;
    }

    /** Where the events of one broker go. */
    record Target(Resource resource, String topic, EventProducer producer, ReceiverMetrics.BrokerMeters meters) {}

    /** The Kafka encoding of an ingress's content mode. */
    static Encoding encoding(Ingress ingress) {
        return ingress.contentMode() == Ingress.ContentMode.STRUCTURED ? Encoding.STRUCTURED : Encoding.BINARY;
    }

    /** The target of a request path (without a trailing slash), or null. */
    Target find(String path) {
        Map<String, Target> table = byPath;
        Target target = table.get(path);
        if (target == null && path.length() > 1 && path.endsWith("/")) {
            target = table.get(path.substring(0, path.length() - 1));
        }
        return target;
    }

    @Override
    public synchronized void onResourceAdded(Resource resource) {
        Ingress ingress = resource.ingress();
        if (ingress == null || ingress.path() == null || resource.topics().isEmpty()) {
            return;
        }
        EventProducer producer = producers.acquire(resource.bootstrapServers(), encoding(ingress));
        Map<String, Target> next = new HashMap<>(byPath);
        next.put(
                ingress.path(),
                new Target(resource, resource.topics().get(0), producer, metrics.forResource(resource)));
        byPath = Map.copyOf(next);
        LOG.log(
                Level.INFO,
                "serving {0} -> topic {1}",
                ingress.path(),
                resource.topics().get(0));
    }

    @Override
    public synchronized void onResourceUpdated(Resource previous, Resource resource) {
        onResourceAdded(resource);
        if (previous.ingress() != null
                && previous.ingress().path() != null
                && !previous.topics().isEmpty()) {
            String oldPath = previous.ingress().path();
            if (resource.ingress() == null || !oldPath.equals(resource.ingress().path())) {
                Map<String, Target> next = new HashMap<>(byPath);
                next.remove(oldPath);
                byPath = Map.copyOf(next);
            }
            producers.release(previous.bootstrapServers(), encoding(previous.ingress()));
        }
    }

    @Override
    public synchronized void onResourceRemoved(Resource resource) {
        Ingress ingress = resource.ingress();
        if (ingress == null || ingress.path() == null || resource.topics().isEmpty()) {
            return;
        }
        Map<String, Target> next = new HashMap<>(byPath);
        next.remove(ingress.path());
        byPath = Map.copyOf(next);
        producers.release(resource.bootstrapServers(), encoding(ingress));
        LOG.log(Level.INFO, "no longer serving {0}", ingress.path());
    }
}
