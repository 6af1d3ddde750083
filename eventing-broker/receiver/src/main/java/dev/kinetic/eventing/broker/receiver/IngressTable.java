package dev.kinetic.eventing.broker.receiver;

import dev.kinetic.eventing.core.contract.ContractListener;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Resource;
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

    private final ProducerPool producers;
    private final ReceiverMetrics metrics;
    private volatile Map<String, Target> byPath = Map.of();

    IngressTable(ProducerPool producers, ReceiverMetrics metrics) {
        this.producers = producers;
        this.metrics = metrics;
    }

    /** Where the events of one broker go. */
    record Target(Resource resource, String topic, BrokerProducer producer, ReceiverMetrics.BrokerMeters meters) {}

    /** The target of a request path (without a trailing slash), or null. */
    Target find(String path) {
        Map<String, Target> table = byPath;
        Target target = table.get(path);
        if (target == null && path.length() > 1 && path.endsWith("/")) {
            target = table.get(path.substring(0, path.length() - 1));
        }
        return target;
    }

    /** How many brokers are served. */
    int size() {
        return byPath.size();
    }

    @Override
    public synchronized void onResourceAdded(Resource resource) {
        Ingress ingress = resource.ingress();
        if (ingress == null || ingress.path() == null || resource.topics().isEmpty()) {
            return;
        }
        BrokerProducer producer = producers.acquire(resource.bootstrapServers(), ingress.contentMode());
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
            producers.release(previous.bootstrapServers(), previous.ingress().contentMode());
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
        producers.release(resource.bootstrapServers(), ingress.contentMode());
        LOG.log(Level.INFO, "no longer serving {0}", ingress.path());
    }
}
