package dev.kinetic.eventing.core.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.data.BytesCloudEventData;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Kafka producer of CloudEvents that data-plane event loops can call, and that never blocks them.
 *
 * <p>{@code KafkaProducer.send} blocks in two cases only: the topic's metadata is not in the producer's cache (it waits
 * for a fetch, up to {@code max.block.ms}), or the record buffer ({@code buffer.memory}) is full. A send therefore runs
 * on this producer's own thread, in call order, unless all of these hold, in which case it is handed to the producer
 * on the caller's thread and saves two thread switches (the CPU and the wake-up latency of a hop, measured in
 * docs/benchmarks.md):
 *
 * <ul>
 *   <li>the producer was built with {@link #EventProducer(Producer, String, Map) its configuration};
 *   <li>Kafka acknowledged a record of the topic recently (within half of {@code metadata.max.idle.ms}, at most 60 s),
 *       so its metadata is cached;
 *   <li>the event's size is known and, with every unacknowledged record, stays under half of {@code buffer.memory};
 *   <li>no send is waiting for the producer thread, so call order is kept.
 * </ul>
 *
 * <p>The returned stage completes when Kafka acknowledged the record. The record has no explicit key: the producer's
 * {@code partitionkey} interceptor ({@link KafkaSettings#producer}) sets it.
 */
public final class EventProducer implements AutoCloseable {
    private static final Logger LOG = System.getLogger(EventProducer.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Headers and record overhead, added to the data's size. */
    private static final long RECORD_OVERHEAD_BYTES = 1024;

    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;
    private static final long DEFAULT_METADATA_IDLE_MS = 300_000;
    private static final long MAX_WARM_MS = 60_000;

    private final Producer<String, CloudEvent> producer;
    private final ExecutorService sender;
    /** Sends handed to the producer thread and not yet passed to Kafka. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Estimated bytes of records passed to Kafka and not yet acknowledged. */
    private final AtomicLong unacknowledgedBytes = new AtomicLong();
    /** Topic → {@link System#nanoTime} of its latest acknowledgement; empty when sends never go direct. */
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    private final boolean direct;
    private final long directBytes;
    private final long warmNanos;

    /**
     * A producer whose every send runs on its own thread.
     *
     * @param producer the producer, which this object owns and closes
     * @param name a name for the sending thread
     */
    public EventProducer(Producer<String, CloudEvent> producer, String name) {
        this(producer, name, null);
    }

    /**
     * A producer that also sends on the caller's thread when that cannot block (see the class comment).
     *
     * @param producer the producer, which this object owns and closes
     * @param name a name for the sending thread
     * @param config the configuration {@code producer} was built with ({@link KafkaSettings#producer}), for its
     *     {@code buffer.memory} and {@code metadata.max.idle.ms}; {@code null} to always use the producer thread
     */
    public EventProducer(Producer<String, CloudEvent> producer, String name, Map<String, Object> config) {
        this.producer = producer;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "kinetic-producer-" + name + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.direct = config != null;
        this.directBytes = config == null
                ? 0
                : KafkaSettings.longValue(config, ProducerConfig.BUFFER_MEMORY_CONFIG, DEFAULT_BUFFER_MEMORY) / 2;
        long idleMs = config == null
                ? 0
                : KafkaSettings.longValue(config, ProducerConfig.METADATA_MAX_IDLE_CONFIG, DEFAULT_METADATA_IDLE_MS);
        this.warmNanos = TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_WARM_MS, idleMs / 2));
    }

    /**
     * Produces {@code event} to {@code topic}, its size estimated from its data when that is plain bytes (otherwise
     * it goes through the producer thread). The stage completes on a Kafka client thread once Kafka acknowledged the
     * record, exceptionally when Kafka did not take it (or this producer is closed).
     */
    public CompletionStage<Void> send(String topic, CloudEvent event) {
        CloudEventData data = event.getData();
        long size = data == null ? 0 : data instanceof BytesCloudEventData bytes ? bytes.toBytes().length : -1;
        return send(topic, event, size);
    }

    /**
     * Produces {@code event} to {@code topic}.
     *
     * @param sizeBytes what the event weighs as received (its HTTP body and attributes), or −1 when unknown
     */
    public CompletionStage<Void> send(String topic, CloudEvent event, long sizeBytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long weight = Math.max(0, sizeBytes) + RECORD_OVERHEAD_BYTES;
        if (sendsDirectly(topic, sizeBytes, weight)) {
            produce(topic, event, weight, done);
            return done;
        }
        queued.incrementAndGet();
        try {
            sender.execute(() -> {
                try {
                    produce(topic, event, weight, done);
                } finally {
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            done.completeExceptionally(new IllegalStateException("the producer is closed", e));
        }
        return done;
    }

    /** Sends waiting for or running on the producer thread. */
    int queued() {
        return queued.get();
    }

    private boolean sendsDirectly(String topic, long sizeBytes, long weight) {
        if (!direct || sizeBytes < 0 || queued.get() > 0 || sender.isShutdown()) {
            return false;
        }
        Long last = acknowledged.get(topic);
        if (last == null || System.nanoTime() - last > warmNanos) {
            return false;
        }
        return unacknowledgedBytes.get() + weight <= directBytes;
    }

    private void produce(String topic, CloudEvent event, long weight, CompletableFuture<Void> done) {
        unacknowledgedBytes.addAndGet(weight);
        try {
            producer.send(new ProducerRecord<>(topic, null, event), (metadata, error) -> {
                unacknowledgedBytes.addAndGet(-weight);
                if (error == null) {
                    if (direct) {
                        long now = System.nanoTime();
                        Long last = acknowledged.get(topic);
                        if (last == null || now - last > warmNanos / 8) {
                            acknowledged.put(topic, now);
                        }
                    }
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            unacknowledgedBytes.addAndGet(-weight);
            done.completeExceptionally(e);
        }
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
