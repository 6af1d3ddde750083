package dev.kinetic.eventing.broker.receiver;

import dev.kinetic.eventing.core.contract.Ingress;
import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * Producers shared by the brokers that use the same bootstrap servers and Kafka encoding, counted by reference:
 * the first broker to need one creates it, the last to let go closes it (after its events are acknowledged).
 */
final class ProducerPool {
    private final BiFunction<String, Ingress.ContentMode, Producer<String, CloudEvent>> factory;
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;
    private final Duration drainTimeout;
    private final Map<Key, Entry> entries = new HashMap<>();

    ProducerPool(
            BiFunction<String, Ingress.ContentMode, Producer<String, CloudEvent>> factory,
            int maxPending,
            Duration drainTimeout) {
        this.factory = factory;
        this.maxPending = maxPending;
        this.drainTimeout = drainTimeout;
    }

    private record Key(String bootstrapServers, Ingress.ContentMode contentMode) {}

    private static final class Entry {
        final BrokerProducer producer;
        int references;

        Entry(BrokerProducer producer) {
            this.producer = producer;
        }
    }

    /** A producer for these settings; give it back with {@link #release}. */
    synchronized BrokerProducer acquire(String bootstrapServers, Ingress.ContentMode contentMode) {
        Entry entry = entries.computeIfAbsent(
                new Key(bootstrapServers, contentMode),
                key -> new Entry(new BrokerProducer(
                        factory.apply(key.bootstrapServers(), key.contentMode()), pending, maxPending)));
        entry.references++;
        return entry.producer;
    }

    /** Gives a producer back; the last release closes it on a separate thread. */
    synchronized void release(String bootstrapServers, Ingress.ContentMode contentMode) {
        Key key = new Key(bootstrapServers, contentMode);
        Entry entry = entries.get(key);
        if (entry != null && --entry.references == 0) {
            entries.remove(key);
            Thread closer = new Thread(() -> entry.producer.close(drainTimeout), "kinetic-producer-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** Events waiting for Kafka, across all producers. */
    int pending() {
        return pending.get();
    }

    /** Closes every producer, waiting for their events to be acknowledged. */
    synchronized void closeAll() {
        entries.values().forEach(e -> e.producer.close(drainTimeout));
        entries.clear();
    }
}
