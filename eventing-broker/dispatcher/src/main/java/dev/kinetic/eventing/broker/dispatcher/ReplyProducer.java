package dev.kinetic.eventing.broker.dispatcher;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces replies back to a broker's topic. {@code KafkaProducer.send} can block (topic metadata, a full buffer), so
 * it runs on this producer's own thread, never on the event loop that got the subscriber's answer.
 */
final class ReplyProducer implements AutoCloseable {
    private final Producer<String, CloudEvent> producer;
    private final ExecutorService sender;

    ReplyProducer(Producer<String, CloudEvent> producer, String name) {
        this.producer = producer;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kinetic-reply-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Completes when Kafka acknowledged the reply, exceptionally when it did not take it. */
    CompletionStage<Void> send(String topic, CloudEvent reply) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                try {
                    producer.send(new ProducerRecord<>(topic, null, reply), (metadata, error) -> {
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
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
