package dev.kinetic.eventing.core.kafka;

import io.cloudevents.core.message.Encoding;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@link EventProducer}s shared by every resource that uses the same bootstrap servers and Kafka encoding, counted by
 * reference: the first {@link #acquire} creates one, the last {@link #release} closes it, on a thread of its own
 * since closing waits for the records in flight.
 */
public final class SharedProducers implements AutoCloseable {
    private final BiFunction<String, Encoding, EventProducer> factory;
    private final Duration closeTimeout;
    private final Map<Key, Entry> entries = new HashMap<>();

    /**
     * @param factory makes the producer for bootstrap servers and an encoding
     * @param closeTimeout how long closing a producer waits for its records in flight
     */
    public SharedProducers(BiFunction<String, Encoding, EventProducer> factory, Duration closeTimeout) {
        this.factory = factory;
        this.closeTimeout = closeTimeout;
    }

    private record Key(String bootstrapServers, Encoding encoding) {}

    private static final class Entry {
        final EventProducer producer;
        int references;

        Entry(EventProducer producer) {
            this.producer = producer;
        }
    }

    /** The producer for these settings; give it back with {@link #release}. */
    public synchronized EventProducer acquire(String bootstrapServers, Encoding encoding) {
        Entry entry = entries.computeIfAbsent(
                new Key(bootstrapServers, encoding), k -> new Entry(factory.apply(k.bootstrapServers(), k.encoding())));
        entry.references++;
        return entry.producer;
    }

    /** Gives a producer back; the last release closes it. Releasing what was not acquired does nothing. */
    public synchronized void release(String bootstrapServers, Encoding encoding) {
        Key key = new Key(bootstrapServers, encoding);
        Entry entry = entries.get(key);
        if (entry != null && --entry.references == 0) {
            entries.remove(key);
            Thread closer = new Thread(() -> entry.producer.close(closeTimeout), "kinetic-producer-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    /** How many producers are open. */
    public synchronized int size() {
        return entries.size();
    }

    /** Closes every producer, waiting for their records in flight. */
    @Override
    public synchronized void close() {
        entries.values().forEach(e -> e.producer.close(closeTimeout));
        entries.clear();
    }
}
