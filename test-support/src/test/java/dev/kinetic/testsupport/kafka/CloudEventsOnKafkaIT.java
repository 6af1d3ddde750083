package dev.kinetic.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.PartitionKeyExtensionInterceptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CloudEvents on the real in-process broker, with the CloudEvents SDK's Kafka binding: what the brokers, channels
 * and sources of Kinetic's eventing will rely on.
 *
 * <p>For each encoding, events with every context attribute, {@code partitionkey} and typed extensions, and JSON,
 * text and binary data are produced through {@link CloudEventSerializer} and the {@link
 * PartitionKeyExtensionInterceptor}, then consumed by a consumer group through {@link CloudEventDeserializer}.
 * Facts pinned here:
 *
 * <ul>
 *   <li>Binary mode puts each attribute and extension in a {@code ce_<name>} header, and {@code datacontenttype} in
 *       {@code content-type}; the value is the data as is.
 *   <li>Structured mode puts {@code content-type: application/cloudevents+json} in the only header and the whole
 *       event, data included, in the value.
 *   <li>The deserializer recognizes either encoding by itself.
 *   <li>Every attribute and the data survive both encodings byte for byte.
 *   <li>Extensions keep their canonical string form in both encodings. Binary mode (headers) returns every
 *       extension as a {@code String}; structured JSON returns integers and booleans with their type.
 *   <li>The record key is the {@code partitionkey} extension, so events with one partition key share a partition.
 * </ul>
 */
@WithKafka
class CloudEventsOnKafkaIT {

    private static final URI SOURCE = URI.create("/apis/v1/namespaces/default/pingsources/every-minute");
    private static final URI SCHEMA = URI.create("https://schemas.example.com/order.json");
    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 11, 3, 10, 15, 30, 123_456_000, ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(
            value = Encoding.class,
            names = {"BINARY", "STRUCTURED"})
    void eventsSurviveTheBrokerWithTheirPartitionKeyAsRecordKey(Encoding encoding, InProcessKafka kafka) {
        String topic = "cloudevents-" + encoding.name().toLowerCase();
        kafka.createTopic(topic, 3);
        List<CloudEvent> sent = events(encoding);

        try (KafkaProducer<String, CloudEvent> producer = producer(kafka, encoding)) {
            for (CloudEvent event : sent) {
                // No key given: the interceptor sets it from the partitionkey extension.
                producer.send(new ProducerRecord<>(topic, event));
            }
            producer.flush();
        }
        List<ConsumerRecord<String, CloudEvent>> received = consume(kafka, topic, sent.size());

        Map<String, ConsumerRecord<String, CloudEvent>> byId =
                received.stream().collect(Collectors.toMap(r -> r.value().getId(), Function.identity()));
        assertThat(byId).hasSize(sent.size());
        for (CloudEvent expected : sent) {
            ConsumerRecord<String, CloudEvent> record = byId.get(expected.getId());
            assertThat(record).as("record of event %s", expected.getId()).isNotNull();
            assertSameEvent(record.value(), expected, encoding);
            assertThat(record.key()).isEqualTo(expected.getExtension("partitionkey"));
            assertHeaders(record.headers(), expected, encoding);
        }
        assertThat(received.stream()
                        .collect(Collectors.groupingBy(
                                ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())))
                        .values())
                .as("partitions used by each partition key")
                .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
    }

    /** Three events per partition key, with JSON, text and binary data, every attribute and typed extensions. */
    private static List<CloudEvent> events(Encoding encoding) {
        List<CloudEvent> events = new ArrayList<>();
        String[] partitionKeys = {"customer-1", "customer-2"};
        for (String partitionKey : partitionKeys) {
            String prefix = encoding.name().toLowerCase() + "-" + partitionKey;
            events.add(base(prefix + "-json", partitionKey)
                    .withDataContentType("application/json")
                    .withDataSchema(SCHEMA)
                    .withData("{\"order\":42,\"items\":[\"a\",\"b\"],\"note\":\"caf\u00e9\"}"
                            .getBytes(StandardCharsets.UTF_8))
                    .build());
            events.add(base(prefix + "-text", partitionKey)
                    .withDataContentType("text/plain")
                    .withData("plain text, caf\u00e9".getBytes(StandardCharsets.UTF_8))
                    .build());
            events.add(base(prefix + "-bytes", partitionKey)
                    .withDataContentType("application/octet-stream")
                    .withData(new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff})
                    .build());
        }
        return events;
    }

    private static CloudEventBuilder base(String id, String partitionKey) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(SOURCE)
                .withType("dev.kinetic.test.order.created")
                .withSubject("orders/" + id)
                .withTime(TIME)
                .withExtension("partitionkey", partitionKey)
                .withExtension("knativearrivaltime", "2026-11-03T10:15:31Z")
                .withExtension("attempt", 3)
                .withExtension("replay", true);
    }

    private static void assertSameEvent(CloudEvent actual, CloudEvent expected, Encoding encoding) {
        assertThat(actual.getSpecVersion()).isEqualTo(expected.getSpecVersion());
        assertThat(actual.getId()).isEqualTo(expected.getId());
        assertThat(actual.getSource()).isEqualTo(expected.getSource());
        assertThat(actual.getType()).isEqualTo(expected.getType());
        assertThat(actual.getSubject()).isEqualTo(expected.getSubject());
        assertThat(actual.getTime()).isEqualTo(expected.getTime());
        assertThat(actual.getDataContentType()).isEqualTo(expected.getDataContentType());
        assertThat(actual.getDataSchema()).isEqualTo(expected.getDataSchema());
        assertThat(actual.getData()).isNotNull();
        assertThat(actual.getData().toBytes())
                .as("data of %s", expected.getId())
                .isEqualTo(expected.getData().toBytes());

        assertThat(actual.getExtensionNames()).isEqualTo(expected.getExtensionNames());
        for (String name : expected.getExtensionNames()) {
            Object sentValue = expected.getExtension(name);
            Object receivedValue = actual.getExtension(name);
            assertThat(String.valueOf(receivedValue))
                    .as("extension %s of %s", name, expected.getId())
                    .isEqualTo(String.valueOf(sentValue));
            if (encoding == Encoding.STRUCTURED) {
                assertThat(receivedValue).as("extension %s, structured", name).isEqualTo(sentValue);
            } else {
                assertThat(receivedValue).as("extension %s, binary", name).isInstanceOf(String.class);
            }
        }
    }

    private static void assertHeaders(Headers headers, CloudEvent event, Encoding encoding) {
        Map<String, String> values = Arrays.stream(headers.toArray())
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
        if (encoding == Encoding.STRUCTURED) {
            assertThat(values).containsOnly(Map.entry("content-type", JsonFormat.CONTENT_TYPE));
        } else {
            assertThat(values)
                    .containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_id", event.getId())
                    .containsEntry("ce_source", SOURCE.toString())
                    .containsEntry("ce_partitionkey", (String) event.getExtension("partitionkey"))
                    .containsEntry("ce_attempt", "3")
                    .containsEntry("content-type", event.getDataContentType())
                    .doesNotContainKey("ce_datacontenttype");
        }
    }

    private static KafkaProducer<String, CloudEvent> producer(InProcessKafka kafka, Encoding encoding) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, PartitionKeyExtensionInterceptor.class.getName());
        config.put(CloudEventSerializer.ENCODING_CONFIG, encoding.name());
        if (encoding == Encoding.STRUCTURED) {
            config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        }
        return new KafkaProducer<>(config);
    }

    private static List<ConsumerRecord<String, CloudEvent>> consume(InProcessKafka kafka, String topic, int count) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-group");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class);
        List<ConsumerRecord<String, CloudEvent>> received = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() >= count;
            });
        }
        return received;
    }
}
