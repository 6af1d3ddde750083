package dev.kinetic.benchmarks.eventing;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dispatch baseline: the plainest correct dispatcher. One KafkaConsumer polled on its own thread (Kafka's
 * consumer defaults, a fresh group, from the earliest offset); every record becomes a binary-mode POST ({@code ce_*}
 * headers → {@code ce-*}, {@code content-type} → {@code Content-Type}, value → body) sent by a Vert.x WebClient on
 * one event loop; at most {@code inFlight} POSTs outstanding (the poll thread waits for a permit); per partition the
 * offset below the lowest one still in flight is committed every second.
 */
final class RawDispatchLoop implements AutoCloseable {
    private final String bootstrap;
    private final String topic;
    private final String url;
    private final int inFlight;
    private final Vertx vertx;
    private final WebClient client;
    private final Context context;
    private final Semaphore permits;
    private final AtomicLong failed = new AtomicLong();
    private final Map<TopicPartition, Pending> pending = new HashMap<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /** Offsets of one partition still in flight, and the highest handed out. */
    private static final class Pending {
        final TreeSet<Long> inFlight = new TreeSet<>();
        long next = -1;
    }

    RawDispatchLoop(String bootstrap, String topic, String url, int inFlight) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.url = url;
        this.inFlight = inFlight;
        this.permits = new Semaphore(inFlight);
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = WebClient.create(
                vertx, new WebClientOptions().setKeepAlive(true).setMaxPoolSize(inFlight));
        this.context = vertx.getOrCreateContext();
    }

    /** Starts consuming. */
    void start() {
        thread = new Thread(this::run, "bench-raw-dispatch-poll");
        thread.start();
    }

    long failed() {
        return failed.get();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                RawKafka.consumerConfig(bootstrap, "bench-raw-dispatch-" + System.nanoTime()),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            c.subscribe(List.of(topic));
            long nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (!running) {
                            return;
                        }
                    }
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    synchronized (pending) {
                        Pending p = pending.computeIfAbsent(tp, k -> new Pending());
                        p.inFlight.add(r.offset());
                        p.next = Math.max(p.next, r.offset() + 1);
                    }
                    context.runOnContext(v -> post(tp, r));
                }
                if (System.nanoTime() >= nextCommit) {
                    c.commitAsync(committable(), null);
                    nextCommit = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(TopicPartition tp, ConsumerRecord<byte[], byte[]> r) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Header h : r.headers()) {
            String name = h.key();
            String value = new String(h.value(), StandardCharsets.UTF_8);
            if (name.startsWith("ce_")) {
                headers.add("ce-" + name.substring(3), value);
            } else if (name.equalsIgnoreCase("content-type")) {
                headers.add("Content-Type", value);
            }
        }
        client.postAbs(url).putHeaders(headers).sendBuffer(Buffer.buffer(r.value()), ar -> {
            if (ar.failed() || ar.result().statusCode() / 100 != 2) {
                failed.incrementAndGet();
            }
            synchronized (pending) {
                pending.get(tp).inFlight.remove(r.offset());
            }
            permits.release();
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        synchronized (pending) {
            pending.forEach((tp, p) ->
                    offsets.put(tp, new OffsetAndMetadata(p.inFlight.isEmpty() ? p.next : p.inFlight.first())));
        }
        return offsets;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    int inFlight() {
        return inFlight;
    }
}
