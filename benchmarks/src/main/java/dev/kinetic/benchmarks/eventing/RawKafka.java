package dev.kinetic.benchmarks.eventing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka baselines: what plain clients achieve on the same broker and topics, with the same records.
 *
 * <ul>
 *   <li>{@link #ceiling}: one producer with a fixed number of sends in flight, as many as wrk has connections;
 *   <li>{@link #prefill}: writes the dispatch backlog as fast as the broker takes it;
 *   <li>{@link #latency}: a paced producer stamping the send time and a consumer reading it.
 * </ul>
 */
final class RawKafka {
    private RawKafka() {}

    /**
     * The baseline producer's settings: acks=all and idempotence, like a receiver that acknowledges only what Kafka
     * holds, linger.ms 0 as Knative's receiver ships (Kafka 4's default of 5 ms would add 5 ms to every send at a
     * low rate).
     */
    static Map<String, Object> producerConfig(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer");
        return config;
    }

    /** How {@link #producerConfig} is described in the report. */
    static String describeProducer() {
        return "acks=all, enable.idempotence=true, linger.ms=0, Kafka's defaults otherwise";
    }

    static Map<String, Object> consumerConfig(String bootstrap, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    static ProducerRecord<byte[], byte[]> record(String topic, long sendTimeMicros) {
        List<Header> headers = BenchEvent.kafkaHeaders(sendTimeMicros);
        return new ProducerRecord<>(topic, null, null, null, BenchEvent.BODY_BYTES, headers);
    }

    /** What one raw run measured. */
    record Result(long events, double seconds, long errors, long p50Us, long p99Us, long cpuMicros, long kafkaMicros) {
        double rate() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    /**
     * Sends the event to {@code topic} as fast as acknowledgements allow with {@code inFlight} sends outstanding, for
     * {@code warmup} unmeasured, then for {@code duration}; latency is send → ack.
     */
    static Result ceiling(
            String bootstrap, String topic, int inFlight, Duration warmup, Duration duration, long kafkaPid)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore permits = new Semaphore(inFlight);
        ProducerRecord<byte[], byte[]> record = record(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            long warmupEnd = System.nanoTime() + warmup.toNanos();
            long t0 = 0;
            long acked0 = 0;
            long failed0 = 0;
            long cpu0 = 0;
            long kafka0 = 0;
            long end = warmupEnd + duration.toNanos();
            boolean measuring = false;
            while (true) {
                long now = System.nanoTime();
                if (!measuring && now >= warmupEnd) {
                    measuring = true;
                    latencies.reset();
                    t0 = now;
                    acked0 = acked.get();
                    failed0 = failed.get();
                    cpu0 = ProcCpu.micros(ProcessHandle.current().pid());
                    kafka0 = ProcCpu.micros(kafkaPid);
                }
                if (now >= end) {
                    long events = acked.get() - acked0;
                    long errors = failed.get() - failed0;
                    long cpu = ProcCpu.micros(ProcessHandle.current().pid()) - cpu0;
                    long kafka = ProcCpu.micros(kafkaPid) - kafka0;
                    double seconds = (now - t0) / 1e9;
                    long p50 = latencies.percentile(50);
                    long p99 = latencies.percentile(99);
                    permits.acquire(inFlight);
                    return new Result(events, seconds, errors, p50, p99, cpu, kafka);
                }
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                long sent = System.nanoTime();
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        latencies.record((System.nanoTime() - sent) / 1000);
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                    permits.release();
                });
            }
        }
    }

    /** Writes {@code count} events to {@code topic}, batched; returns how many Kafka did not take. */
    static long prefill(String bootstrap, String topic, long count) {
        Map<String, Object> config = producerConfig(bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-prefill");
        AtomicLong failed = new AtomicLong();
        ProducerRecord<byte[], byte[]> record = record(topic, 0);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return failed.get();
    }

    /**
     * Paces {@code rate} events/s into {@code topic} for {@code warmup} then {@code duration}, each stamped with the
     * wall clock; a consumer (its own group, from the start) records arrival − send time of the events sent after the
     * warmup.
     */
    static Result latency(String bootstrap, String topic, int rate, Duration warmup, Duration duration, Duration drain)
            throws InterruptedException {
        try (LatencyConsumer consumer = new LatencyConsumer(bootstrap, topic)) {
            consumer.awaitAssigned(Duration.ofSeconds(60));
            Paced paced = pace(bootstrap, topic, rate, warmup, duration, consumer.measuredFrom());
            consumer.awaitReceived(paced.sent(), drain);
            Latencies latencies = consumer.latencies();
            return new Result(
                    latencies.count(),
                    duration.toNanos() / 1e9,
                    paced.failed() + Math.max(0, paced.sent() - consumer.received()),
                    latencies.percentile(50),
                    latencies.percentile(99),
                    -1,
                    -1);
        }
    }
    /** What {@link #pace} sent after its warmup, and how many of all its sends Kafka refused. */
    record Paced(long sent, long failed) {}

    /**
     * Paces {@code rate} stamped events/s into {@code topic} for {@code warmup} then {@code duration}, with the
     * baseline producer; {@code measuredFrom} is set to the send time of the first event after the warmup.
     */
    static Paced pace(
            String bootstrap, String topic, int rate, Duration warmup, Duration duration, AtomicLong measuredFrom) {
        AtomicLong failed = new AtomicLong();
        long sentMeasured = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producerConfig(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long warmupEnd = start + warmup.toNanos();
            long end = warmupEnd + duration.toNanos();
            for (long i = 0; ; i++) {
                long at = start + i * period;
                if (at >= end) {
                    break;
                }
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long sendTime = BenchEvent.epochMicros();
                if (at >= warmupEnd) {
                    if (measuredFrom.get() == Long.MAX_VALUE) {
                        measuredFrom.set(sendTime);
                    }
                    sentMeasured++;
                }
                producer.send(record(topic, sendTime), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return new Paced(sentMeasured, failed.get());
    }
}
