package dev.kinetic.eventing.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.testsupport.kafka.InProcessKafka;
import dev.kinetic.testsupport.kafka.WithKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link EgressConsumer} and {@link KafkaSettings#producer} against the real in-process broker: events are produced
 * with partition keys over a 3-partition topic through the shipped producer settings, and consumed by the engine
 * with handlers that complete later on other threads.
 */
@WithKafka
class EgressConsumerIT {

    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ScheduledExecutorService later;
    private final List<EgressConsumer> started = new ArrayList<>();

    @BeforeAll
    static void executor() {
        later = Executors.newScheduledThreadPool(4);
    }

    @AfterAll
    static void stopExecutor() {
        later.shutdownNow();
    }

    @AfterEach
    void closeConsumers() {
        started.forEach(consumer -> consumer.close(Duration.ZERO));
    }

    // ---- Producer ----

    @Test
    void producerSettingsPutThePartitionKeyInTheRecordKey(InProcessKafka kafka) throws Exception {
        String topic = "producer";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, topic, 30, 3);

        List<ConsumerRecord<String, byte[]>> records = readAll(kafka, topic, 30);

        assertThat(records).allSatisfy(record -> {
            String partitionKey = header(record, "ce_partitionkey");
            assertThat(record.key()).isEqualTo(partitionKey);
        });
        assertThat(records.stream()
                        .collect(Collectors.groupingBy(
                                ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())))
                        .values())
                .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        assertThat(records).allSatisfy(record -> assertThat(header(record, "ce_specversion"))
                .isEqualTo("1.0"));
    }

    // ---- Unordered ----

    @Test
    void unorderedDeliversEverythingWithinTheInFlightLimit(InProcessKafka kafka) throws Exception {
        String topic = "unordered";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, topic, 300, 7);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        MeterRegistry registry = new SimpleMeterRegistry();

        EgressConsumer consumer = start(
                settings(kafka, topic, "unordered-group")
                        .withMaxInFlight(10)
                        .withMetrics(registry, Tags.of("trigger", "t1")),
                (record, event) -> {
                    highWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    CompletableFuture<Void> done = new CompletableFuture<>();
                    later.schedule(
                            () -> {
                                handled.add(event.getId());
                                inFlight.decrementAndGet();
                                done.complete(null);
                            },
                            ThreadLocalRandom.current().nextInt(3),
                            TimeUnit.MILLISECONDS);
                    return done;
                });

        await().atMost(WAIT).until(() -> handled.size() == 300);
        assertThat(highWater.get())
                .as("records in flight at most")
                .isLessThanOrEqualTo(10)
                .isGreaterThan(1);
        await().atMost(WAIT).until(() -> totalCommitted(kafka, "unordered-group") == 300);
        assertThat(registry.get("kn.eventing.kafka.handled_events")
                        .tag("messaging.consumer.group.name", "unordered-group")
                        .tag("trigger", "t1")
                        .counter()
                        .count())
                .isEqualTo(300);
        await().atMost(WAIT)
                .until(() -> consumer.lag().size() == PARTITIONS
                        && consumer.lag().values().stream().allMatch(lag -> lag == 0));

        consumer.close();
        assertThat(registry.find("kn.eventing.kafka.handled_events").meters())
                .as("meters removed on close")
                .isEmpty();
    }

    // ---- Ordered ----

    @Test
    void orderedDeliversEachPartitionInOrderOneAtATime(InProcessKafka kafka) throws Exception {
        String topic = "ordered";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, topic, 240, 6);
        Map<Integer, AtomicInteger> inFlightPerPartition = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger totalInFlight = new AtomicInteger();
        AtomicInteger highWater = new AtomicInteger();
        Map<String, List<Integer>> sequencesPerKey = new ConcurrentHashMap<>();
        Map<Integer, List<Long>> offsetsPerPartition = new ConcurrentHashMap<>();
        AtomicInteger handled = new AtomicInteger();

        start(settings(kafka, topic, "ordered-group").withDeliveryOrder(DeliveryOrder.ORDERED), (record, event) -> {
            if (inFlightPerPartition
                            .computeIfAbsent(record.partition(), p -> new AtomicInteger())
                            .incrementAndGet()
                    > 1) {
                overlaps.incrementAndGet();
            }
            highWater.accumulateAndGet(totalInFlight.incrementAndGet(), Math::max);
            sequencesPerKey
                    .computeIfAbsent((String) event.getExtension("partitionkey"), k -> new CopyOnWriteArrayList<>())
                    .add(Integer.parseInt((String) event.getExtension("seq")));
            offsetsPerPartition
                    .computeIfAbsent(record.partition(), p -> new CopyOnWriteArrayList<>())
                    .add(record.offset());
            CompletableFuture<Void> done = new CompletableFuture<>();
            later.schedule(
                    () -> {
                        inFlightPerPartition.get(record.partition()).decrementAndGet();
                        totalInFlight.decrementAndGet();
                        handled.incrementAndGet();
                        done.complete(null);
                    },
                    ThreadLocalRandom.current().nextInt(2),
                    TimeUnit.MILLISECONDS);
            return done;
        });

        await().atMost(WAIT).until(() -> handled.get() == 240);
        assertThat(overlaps.get())
                .as("times two records of one partition were in flight")
                .isZero();
        assertThat(highWater.get()).as("records in flight over all partitions").isLessThanOrEqualTo(PARTITIONS);
        assertThat(sequencesPerKey).hasSize(6);
        sequencesPerKey.forEach((key, sequences) -> assertThat(sequences)
                .as("sequence of key %s", key)
                .hasSize(40)
                .isSorted()
                .doesNotHaveDuplicates());
        offsetsPerPartition.forEach((partition, offsets) -> assertThat(offsets)
                .as("offsets of partition %s", partition)
                .isSorted()
                .doesNotHaveDuplicates());
        await().atMost(WAIT).until(() -> totalCommitted(kafka, "ordered-group") == 240);
    }

    // ---- Commits ----

    @Test
    void onlyTheContiguousFinishedPrefixIsCommitted(InProcessKafka kafka) throws Exception {
        String topic = "contiguous";
        kafka.createTopic(topic, PARTITIONS);
        produceToPartition(kafka, topic, 0, 20);
        CompletableFuture<Void> held = new CompletableFuture<>();
        AtomicInteger handed = new AtomicInteger();
        TopicPartition p0 = new TopicPartition(topic, 0);

        EgressConsumer consumer = start(settings(kafka, topic, "contiguous-group"), (record, event) -> {
            handed.incrementAndGet();
            return record.offset() == 5 ? held : CompletableFuture.completedFuture(null);
        });

        await().atMost(WAIT).until(() -> handed.get() == 20);
        await().atMost(WAIT).until(() -> committed(kafka, "contiguous-group").get(p0) != null);
        await().during(Duration.ofMillis(600))
                .atMost(WAIT)
                .until(() -> committed(kafka, "contiguous-group").get(p0).offset() == 5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumer.lag())
                .as("lag: all 20 fetched, 15 of them behind the commit")
                .containsEntry(p0, 15L)
                .containsEntry(new TopicPartition(topic, 1), 0L)
                .containsEntry(new TopicPartition(topic, 2), 0L));

        held.complete(null);

        await().atMost(WAIT)
                .until(() -> committed(kafka, "contiguous-group").get(p0).offset() == 20);
        await().atMost(WAIT).untilAsserted(() -> assertThat(consumer.lag()).containsEntry(p0, 0L));
    }

    @Test
    void aRestartResumesAfterTheCommittedPrefix(InProcessKafka kafka) throws Exception {
        String topic = "restart";
        kafka.createTopic(topic, PARTITIONS);
        produceToPartition(kafka, topic, 1, 10);
        produceToPartition(kafka, topic, 2, 10);
        TopicPartition p1 = new TopicPartition(topic, 1);
        Set<String> first = ConcurrentHashMap.newKeySet();
        Set<String> finishedByFirst = ConcurrentHashMap.newKeySet();

        EgressConsumer consumer = start(settings(kafka, topic, "restart-group"), (record, event) -> {
            String position = record.partition() + "@" + record.offset();
            first.add(position);
            if (record.partition() == 1 && record.offset() == 3) {
                return new CompletableFuture<>(); // never finishes: a crash would lose nothing
            }
            finishedByFirst.add(position);
            return CompletableFuture.completedFuture(null);
        });
        await().atMost(WAIT).until(() -> first.size() == 20);
        await().atMost(WAIT).until(() -> totalCommitted(kafka, "restart-group") == 3 + 10);
        consumer.close(Duration.ofMillis(100));
        assertThat(committed(kafka, "restart-group").get(p1).offset()).isEqualTo(3);

        produceToPartition(kafka, topic, 1, 5);
        produceToPartition(kafka, topic, 2, 5);
        Set<String> second = ConcurrentHashMap.newKeySet();
        start(settings(kafka, topic, "restart-group"), (record, event) -> {
            second.add(record.partition() + "@" + record.offset());
            return CompletableFuture.completedFuture(null);
        });

        await().atMost(WAIT).until(() -> totalCommitted(kafka, "restart-group") == 30);
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).as("every record handled once at least").hasSize(30);
        Set<String> duplicates = new HashSet<>(second);
        duplicates.retainAll(first);
        assertThat(duplicates)
                .as("re-delivered: only the unfinished tail of partition 1")
                .containsExactlyInAnyOrder("1@3", "1@4", "1@5", "1@6", "1@7", "1@8", "1@9");
        assertThat(second)
                .doesNotContainAnyElementsOf(finishedByFirst.stream()
                        .filter(position -> !position.startsWith("1@"))
                        .toList());
    }

    /**
     * A second member joins while the first has records in flight. The first commits nothing on its own (its commit
     * interval is an hour), so the partition that moves can only start where the revocation's synchronous commit put
     * it: no record may be lost, and none delivered twice, since the records in flight finish within the revocation's
     * wait.
     */
    @Test
    void aRebalanceCommitsTheRevokedPartitionsAndLosesNothing(InProcessKafka kafka) throws Exception {
        String topic = "rebalance";
        kafka.createTopic(topic, PARTITIONS);
        produce(kafka, topic, 150, 9);
        Map<String, Integer> handledByA = new ConcurrentHashMap<>();
        Map<String, Integer> handledByB = new ConcurrentHashMap<>();

        EgressConsumer a = start(
                settings(kafka, topic, "rebalance-group").withCommitInterval(Duration.ofHours(1)), slowly(handledByA));
        await().atMost(WAIT).until(() -> handledByA.size() >= 20);
        EgressConsumer b = start(settings(kafka, topic, "rebalance-group"), slowly(handledByB));
        await().atMost(WAIT)
                .until(() -> !b.assignment().isEmpty()
                        && a.assignment().size() + b.assignment().size() == PARTITIONS);
        assertThat(committed(kafka, "rebalance-group"))
                .as("committed by the revocation")
                .containsKeys(b.assignment().toArray(TopicPartition[]::new));
        produce(kafka, topic, 150, 9);

        await().atMost(WAIT).until(() -> handledByA.size() + handledByB.size() >= 300);
        Set<TopicPartition> keptByA = a.assignment();
        a.close();
        await().atMost(WAIT).until(() -> totalCommitted(kafka, "rebalance-group") == 300);
        Set<String> union = new HashSet<>(handledByA.keySet());
        union.addAll(handledByB.keySet());
        Set<String> duplicates = new HashSet<>(handledByA.keySet());
        duplicates.retainAll(handledByB.keySet());
        System.out.printf(
                "rebalance: A handled %d, B handled %d, duplicates %d (A kept %s, B got %s)%n",
                handledByA.size(), handledByB.size(), duplicates.size(), keptByA, b.assignment());
        assertThat(union).as("events handled by either consumer").hasSize(300);
        assertThat(duplicates).as("events handled by both").isEmpty();
    }

    // ---- Invalid records ----

    @Test
    void aRecordThatIsNotACloudEventIsDiscardedAndCommitted(InProcessKafka kafka) throws Exception {
        String topic = "invalid";
        kafka.createTopic(topic, PARTITIONS);
        Map<String, Object> config = kafka.clientConfig();
        config.put("key.serializer", ByteArraySerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(config)) {
            raw.send(new ProducerRecord<>(topic, 0, null, "not an event".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        produceToPartition(kafka, topic, 0, 1);
        List<Long> handled = new CopyOnWriteArrayList<>();
        MeterRegistry registry = new SimpleMeterRegistry();

        start(settings(kafka, topic, "invalid-group").withMetrics(registry, Tags.empty()), (record, event) -> {
            handled.add(record.offset());
            return CompletableFuture.completedFuture(null);
        });

        await().atMost(WAIT)
                .until(() -> committed(kafka, "invalid-group").get(new TopicPartition(topic, 0)) != null
                        && committed(kafka, "invalid-group")
                                        .get(new TopicPartition(topic, 0))
                                        .offset()
                                == 2);
        assertThat(handled).containsExactly(1L);
        assertThat(registry.get("kn.eventing.kafka.discarded_events").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aFailingHandlerDoesNotStallThePartition(InProcessKafka kafka) throws Exception {
        String topic = "failing";
        kafka.createTopic(topic, PARTITIONS);
        produceToPartition(kafka, topic, 0, 6);
        MeterRegistry registry = new SimpleMeterRegistry();

        start(
                settings(kafka, topic, "failing-group")
                        .withDeliveryOrder(DeliveryOrder.ORDERED)
                        .withMetrics(registry, Tags.empty()),
                (record, event) -> switch ((int) record.offset()) {
                    case 1 -> throw new IllegalStateException("a bug");
                    case 2 -> CompletableFuture.failedFuture(new IllegalStateException("another bug"));
                    case 3 -> null;
                    default -> CompletableFuture.completedFuture(null);
                });

        await().atMost(WAIT).until(() -> totalCommitted(kafka, "failing-group") == 6);
        assertThat(registry.get("kn.eventing.kafka.handler_failures").counter().count())
                .isEqualTo(3);
    }

    // ---- Helpers ----

    private EgressConsumer start(EgressConsumer.Settings settings, RecordHandler handler) {
        EgressConsumer consumer = EgressConsumer.start(settings, handler);
        started.add(consumer);
        return consumer;
    }

    private static EgressConsumer.Settings settings(InProcessKafka kafka, String topic, String group) {
        return EgressConsumer.Settings.of(kafka.bootstrapServers(), group, List.of(topic))
                .withCommitInterval(Duration.ofMillis(100))
                .withConsumerProperties(Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, KafkaSettings.EARLIEST,
                        ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000",
                        ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300"));
    }

    /** A handler that records each event's id and finishes it a few milliseconds later. */
    private static RecordHandler slowly(Map<String, Integer> handled) {
        return (record, event) -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            later.schedule(
                    () -> {
                        handled.merge(event.getId(), 1, Integer::sum);
                        done.complete(null);
                    },
                    5,
                    TimeUnit.MILLISECONDS);
            return done;
        };
    }

    private static CloudEvent event(String id, String partitionKey, int sequence) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/test"))
                .withType("dev.kinetic.test")
                .withExtension("partitionkey", partitionKey)
                .withExtension("seq", Integer.toString(sequence))
                .withDataContentType("application/json")
                .withData(("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static final AtomicInteger BATCH = new AtomicInteger();

    /** Produces {@code count} events round-robin over {@code keys} partition keys, with a sequence per key. */
    private static void produce(InProcessKafka kafka, String topic, int count, int keys) {
        int batch = BATCH.incrementAndGet();
        try (KafkaProducer<String, CloudEvent> producer =
                new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), Map.of()))) {
            for (int i = 0; i < count; i++) {
                producer.send(
                        new ProducerRecord<>(topic, event(topic + "-" + batch + "-" + i, "key-" + i % keys, i / keys)));
            }
            producer.flush();
        }
    }

    private static void produceToPartition(InProcessKafka kafka, String topic, int partition, int count) {
        int batch = BATCH.incrementAndGet();
        try (KafkaProducer<String, CloudEvent> producer =
                new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), Map.of()))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(
                        topic, partition, null, event(topic + "-" + batch + "-" + i, "p" + partition, i)));
            }
            producer.flush();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(InProcessKafka kafka, String group)
            throws Exception {
        return kafka.adminClient()
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
    }

    private static long totalCommitted(InProcessKafka kafka, String group) throws Exception {
        return committed(kafka, group).values().stream()
                .mapToLong(OffsetAndMetadata::offset)
                .sum();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(InProcessKafka kafka, String topic, int count) {
        Map<String, Object> config = KafkaSettings.consumer(
                kafka.bootstrapServers(),
                topic + "-reader",
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, KafkaSettings.EARLIEST));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
