package dev.kinetic.eventing.core.kafka;

import io.cloudevents.CloudEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka producer of CloudEvents that data-plane event loops can call: {@code KafkaProducer.send} can block
 * (fetching a topic's metadata, waiting for buffer space while Kafka is away), so every send runs on this producer's
 * own thread, in call order, and the returned stage completes when Kafka acknowledged the record. The record has no
 * explicit key: the producer's {@code partitionkey} interceptor ({@link KafkaSettings#producer}) sets it.
 */
public final class EventProducer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EventProducer.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, CloudEvent> producer;
    private final ExecutorService sender;

    /**
     * @param producer the producer, which this object owns and closes
     * @param name a name for the sending thread
     */
    public EventProducer(Producer<String, CloudEvent> producer, String name) {
        this.producer = producer;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kinetic-producer-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Produces {@code event} to {@code topic}. The stage completes on a Kafka client thread once Kafka acknowledged
     * the record, exceptionally when Kafka did not take it (or this producer is closed).
     */
    public CompletionStage<Void> send(String topic, CloudEvent event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(new ProducerRecord<>(topic, null, event), (metadata, error) -> {
                        if (error == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(error);
                        }
                    });
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new IllegalStateException("the producer is closed", e));
        }
        return done;
    }

    /** Waits up to {@code timeout} for records in flight to be acknowledged, then closes the producer. */
    public void close(Duration timeout) {
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
        close(DEFAULT_CLOSE_TIMEOUT);
    }
}
