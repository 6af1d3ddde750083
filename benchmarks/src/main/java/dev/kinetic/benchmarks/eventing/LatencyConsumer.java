package dev.kinetic.benchmarks.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A raw KafkaConsumer on its own thread (its own group, from the start) that records arrival − send time of every
 * stamped event ({@code ce_}{@value BenchEvent#SEND_TIME}) sent at or after {@link #measureFrom}.
 */
final class LatencyConsumer implements AutoCloseable {
    private final Latencies latencies = new Latencies();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean assigned = new AtomicBoolean();
    private final AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong received = new AtomicLong();
    private final Thread thread;

    LatencyConsumer(String bootstrap, String topic) {
        thread = new Thread(() -> consume(bootstrap, topic), "bench-latency-consumer");
        thread.start();
    }

    private void consume(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                RawKafka.consumerConfig(bootstrap, "bench-latency-" + System.nanoTime()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = BenchEvent.epochMicros();
                    Header h = r.headers().lastHeader("ce_" + BenchEvent.SEND_TIME);
                    if (h == null) {
                        continue;
                    }
                    long sent = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
                    if (sent >= measuredFrom.get()) {
                        latencies.record(now - sent);
                        received.incrementAndGet();
                    }
                }
                if (!consumer.assignment().isEmpty()) {
                    assigned.set(true);
                }
            }
        }
    }

    /** Waits up to {@code timeout} for the consumer to have its partitions. */
    void awaitAssigned(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!assigned.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Counts events stamped at or after {@code epochMicros} from now on, dropping what was recorded so far. */
    void measureFrom(long epochMicros) {
        latencies.reset();
        received.set(0);
        measuredFrom.set(epochMicros);
    }

    /** The first send time counted (for {@link RawKafka#pace}, which sets it on its first measured send). */
    AtomicLong measuredFrom() {
        return measuredFrom;
    }

    /** Waits up to {@code drain} until {@code expected} events arrived. */
    void awaitReceived(long expected, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    long received() {
        return received.get();
    }

    Latencies latencies() {
        return latencies;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
