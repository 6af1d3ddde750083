package dev.kinetic.eventing.broker.receiver;

import io.cloudevents.CloudEvent;
import io.vertx.core.Context;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One Kafka producer shared by every broker with the same Kafka settings, and the single thread that calls its
 * {@code send}: {@code KafkaProducer.send} can block (fetching a topic's metadata, or waiting for buffer space while
 * Kafka is away), so it never runs on an event loop. Kafka's acknowledgement comes back on the request's own Vert.x
 * context.
 *
 * <p>A global count of events waiting for Kafka bounds the memory a slow or absent Kafka can take: beyond it,
 * {@link #send} refuses at once and the request gets 503.
 */
final class BrokerProducer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(BrokerProducer.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Producer<String, CloudEvent> producer;
    private final ExecutorService sender;
    private final AtomicInteger pending;
    private final int maxPending;

    BrokerProducer(Producer<String, CloudEvent> producer, AtomicInteger pending, int maxPending) {
        this.producer = producer;
        this.pending = pending;
        this.maxPending = maxPending;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kinetic-producer-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The outcome of one send, on the request's context. */
    sealed interface Outcome {}

    /** Kafka acknowledged the event (acks=all). */
    record Acknowledged() implements Outcome {}

    /** Kafka did not take the event; it was not acknowledged, so the sender may retry it. */
    record NotTaken(String message) implements Outcome {}

    /**
     * Produces {@code event} to {@code topic} (its {@code partitionkey} extension becomes the record key) and calls
     * {@code done} on {@code context} with the outcome.
     */
    void send(String topic, CloudEvent event, Context context, Consumer<Outcome> done) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            done.accept(new NotTaken("too many events waiting for Kafka (" + maxPending + "); retry later"));
            return;
        }
        try {
            sender.execute(() -> produce(topic, event, context, done));
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
            done.accept(new NotTaken("the receiver is shutting down"));
        }
    }

    private void produce(String topic, CloudEvent event, Context context, Consumer<Outcome> done) {
        try {
            producer.send(new ProducerRecord<>(topic, null, event), (metadata, error) -> {
                pending.decrementAndGet();
                Outcome outcome = error == null
                        ? new Acknowledged()
                        : new NotTaken("Kafka did not acknowledge the event: " + error.getMessage());
                context.runOnContext(v -> done.accept(outcome));
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            context.runOnContext(v -> done.accept(new NotTaken("Kafka did not take the event: " + e.getMessage())));
        }
    }

    /** Waits up to {@code timeout} for events in flight to be acknowledged, then closes the producer. */
    void close(Duration timeout) {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "producer thread still busy after {0}", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Builds the Kafka producer of this pool entry. */
    static Producer<String, CloudEvent> kafka(java.util.Map<String, Object> properties) {
        return new KafkaProducer<>(properties);
    }
}
