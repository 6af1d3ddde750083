package dev.kinetic.eventing.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a send goes to Kafka on the caller's thread and when through the producer thread: the rules that keep an
 * event loop from ever blocking in {@code KafkaProducer.send} (which the in-process broker cannot provoke on demand,
 * hence a {@link MockProducer} that notes the calling thread).
 */
class EventProducerTest {
    private static final Serializer<CloudEvent> NO_VALUE = (topic, event) -> new byte[0];

    /** A mock producer that records which thread called {@code send}; acknowledges at once unless told otherwise. */
    static final class ThreadNotingProducer extends MockProducer<String, CloudEvent> {
        final List<String> callers = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate = new CountDownLatch(0);

        ThreadNotingProducer(boolean autoComplete) {
            super(autoComplete, null, new StringSerializer(), NO_VALUE);
        }

        @Override
        public Future<RecordMetadata> send(ProducerRecord<String, CloudEvent> record, Callback callback) {
            callers.add(Thread.currentThread().getName());
            if (record.topic().equals("cold")) {
                // As KafkaProducer waiting for a topic's metadata.
                try {
                    gate.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.send(record, callback);
        }
    }

    private EventProducer producer;

    @AfterEach
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static CloudEvent event() {
        return CloudEventBuilder.v1()
                .withId("1")
                .withSource(URI.create("/t"))
                .withType("t")
                .withData("text/plain", new byte[] {1, 2, 3})
                .build();
    }

    /** Sends, waits for the acknowledgement and for the producer thread to be done with the send. */
    private static void sendAndWait(EventProducer producer, String topic, long size) throws Exception {
        producer.send(topic, event(), size).toCompletableFuture().get(5, TimeUnit.SECONDS);
        awaitIdle(producer);
    }

    private String me() {
        return Thread.currentThread().getName();
    }

    @Test
    void aTopicAcknowledgedBeforeIsSentOnTheCallersThread() throws Exception {
        ThreadNotingProducer mock = new ThreadNotingProducer(true);
        producer = new EventProducer(mock, "t", KafkaSettings.producer("localhost:1", Map.of()));
        sendAndWait(producer, "a", 100);
        sendAndWait(producer, "a", 100);
        sendAndWait(producer, "b", 100);
        sendAndWait(producer, "a", -1);
        // Only the second send to "a" had a recent acknowledgement and a known size.
        assertThat(mock.callers.get(0)).startsWith("kinetic-producer-t-");
        assertThat(mock.callers.get(1)).isEqualTo(me());
        assertThat(mock.callers.get(2)).as("a new topic").startsWith("kinetic-producer-t-");
        assertThat(mock.callers.get(3)).as("an unknown size").startsWith("kinetic-producer-t-");
    }

    @Test
    void withoutItsConfigurationEverySendUsesTheProducerThread() throws Exception {
        ThreadNotingProducer mock = new ThreadNotingProducer(true);
        producer = new EventProducer(mock, "t");
        for (int i = 0; i < 3; i++) {
            sendAndWait(producer, "a", 100);
        }
        assertThat(mock.callers).allMatch(name -> name.startsWith("kinetic-producer-t-"));
    }

    @Test
    void aFullBufferGoesThroughTheProducerThread() throws Exception {
        ThreadNotingProducer mock = new ThreadNotingProducer(false);
        // Half of a 64 KiB buffer may be waiting for acknowledgements before sends stop going direct.
        producer = new EventProducer(
                mock, "t", KafkaSettings.producer("localhost:1", Map.of("buffer.memory", Integer.toString(64 * 1024))));
        CompletableFuture<Void> first = producer.send("a", event(), 10).toCompletableFuture();
        awaitCalls(mock, 1);
        mock.completeNext();
        first.get(5, TimeUnit.SECONDS);
        awaitIdle(producer);
        // 30 KiB + overhead fits under 32 KiB: direct; the next 30 KiB would not, while the first is unacknowledged.
        CompletableFuture<Void> big = producer.send("a", event(), 30 * 1024).toCompletableFuture();
        CompletableFuture<Void> over = producer.send("a", event(), 30 * 1024).toCompletableFuture();
        awaitCalls(mock, 3);
        assertThat(mock.callers.get(1)).isEqualTo(me());
        assertThat(mock.callers.get(2)).startsWith("kinetic-producer-t-");
        mock.completeNext();
        mock.completeNext();
        CompletableFuture.allOf(big, over).get(5, TimeUnit.SECONDS);
        // Acknowledged: the buffer is free again.
        sendAndCompleteDirect(mock, 30 * 1024);
    }

    @Test
    void aSendWaitingForTheProducerThreadKeepsLaterSendsBehindIt() throws Exception {
        ThreadNotingProducer mock = new ThreadNotingProducer(true);
        producer = new EventProducer(mock, "t", KafkaSettings.producer("localhost:1", Map.of()));
        sendAndWait(producer, "a", 10);
        CountDownLatch release = new CountDownLatch(1);
        mock.gate = release;
        CompletableFuture<Void> cold = producer.send("cold", event(), 10).toCompletableFuture();
        awaitCalls(mock, 2);
        // The producer thread is stuck on "cold": a send to the warm topic must queue behind it, not overtake it.
        CompletableFuture<Void> warm = producer.send("a", event(), 10).toCompletableFuture();
        release.countDown();
        CompletableFuture.allOf(cold, warm).get(5, TimeUnit.SECONDS);
        assertThat(mock.callers.get(2)).startsWith("kinetic-producer-t-");
        assertThat(mock.history().subList(1, 3))
                .extracting(ProducerRecord::topic)
                .as("call order kept")
                .containsExactly("cold", "a");
    }

    @Test
    void aSendAfterCloseFails() throws Exception {
        ThreadNotingProducer mock = new ThreadNotingProducer(true);
        producer = new EventProducer(mock, "t", KafkaSettings.producer("localhost:1", Map.of()));
        sendAndWait(producer, "a", 10);
        producer.close(Duration.ofSeconds(5));
        CompletableFuture<Void> late = producer.send("a", event(), 10).toCompletableFuture();
        assertThat(late).failsWithin(Duration.ofSeconds(5));
        producer = null;
    }

    private void sendAndCompleteDirect(ThreadNotingProducer mock, long size) throws Exception {
        int before = mock.callers.size();
        CompletableFuture<Void> f = producer.send("a", event(), size).toCompletableFuture();
        awaitCalls(mock, before + 1);
        assertThat(mock.callers.get(before)).isEqualTo(me());
        mock.completeNext();
        f.get(5, TimeUnit.SECONDS);
    }

    private static void awaitCalls(ThreadNotingProducer mock, int n) {
        await().atMost(Duration.ofSeconds(5)).until(() -> mock.callers.size() >= n);
    }

    /** Until the producer thread is done with every send handed to it. */
    private static void awaitIdle(EventProducer producer) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1)).until(() -> producer.queued() == 0);
    }
}
