package dev.kinetic.eventing.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinetic.testsupport.kafka.InProcessKafka;
import dev.kinetic.testsupport.kafka.WithKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The non-blocking event producer and the shared, reference-counted producers, on the real in-process broker. */
@WithKafka
class EventProducerIT {

    private static EventProducer producer(String bootstrap) {
        return new EventProducer(
                new KafkaProducer<>(KafkaSettings.producer(bootstrap, Encoding.BINARY, Map.of())), "test");
    }

    private static CloudEvent event(int n, String key) {
        return CloudEventBuilder.v1()
                .withId("e-" + n)
                .withSource(URI.create("/tests"))
                .withType("t")
                .withExtension("partitionkey", key)
                .withData("text/plain", Integer.toString(n).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Test
    void completesOnTheAcknowledgementInCallOrderWithThePartitionKeyAsKey(InProcessKafka kafka) throws Exception {
        kafka.createTopic("produced", 3);
        try (EventProducer producer = producer(kafka.bootstrapServers())) {
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                sends.add(producer.send("produced", event(n, "one-key")).toCompletableFuture());
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        kafka.bootstrapServers(),
                        "group.id",
                        "reader",
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("produced"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < 20 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(20).allMatch(r -> "one-key".equals(r.key()));
        assertThat(records)
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .as("one key, one partition: the order of the calls")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(Integer::toString)
                        .toList());
    }

    @Test
    void aClosedProducerFailsTheSendInsteadOfThrowing(InProcessKafka kafka) {
        EventProducer producer = producer(kafka.bootstrapServers());
        producer.close(Duration.ofSeconds(5));
        CompletableFuture<Void> send = producer.send("produced", event(1, "k")).toCompletableFuture();
        assertThatThrownBy(() -> send.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void sharedProducersAreCreatedOncePerSettingsAndClosedByTheLastRelease(InProcessKafka kafka) throws Exception {
        AtomicInteger created = new AtomicInteger();
        SharedProducers shared = new SharedProducers(
                (bootstrap, encoding) -> {
                    created.incrementAndGet();
                    return producer(bootstrap);
                },
                Duration.ofSeconds(5));
        String servers = kafka.bootstrapServers();
        EventProducer first = shared.acquire(servers, Encoding.BINARY);
        EventProducer second = shared.acquire(servers, Encoding.BINARY);
        EventProducer structured = shared.acquire(servers, Encoding.STRUCTURED);
        assertThat(second).isSameAs(first);
        assertThat(structured).isNotSameAs(first);
        assertThat(created).hasValue(2);

        shared.release(servers, Encoding.BINARY);
        assertThat(shared.size()).isEqualTo(2);
        first.send("shared", event(1, "k")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        shared.release(servers, Encoding.BINARY);
        assertThat(shared.size()).as("the last release closes it").isEqualTo(1);
        shared.release(servers, Encoding.BINARY);
        assertThat(shared.size()).as("an extra release does nothing").isEqualTo(1);

        EventProducer again = shared.acquire(servers, Encoding.BINARY);
        assertThat(again).isNotSameAs(first);
        assertThat(created).hasValue(3);
        shared.close();
        assertThat(shared.size()).isZero();
    }
}
