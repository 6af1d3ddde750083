package dev.kinetic.eventing.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.PartitionKeyExtensionInterceptor;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@link KafkaSettings}: the defaults, the overrides, and the checks. */
class KafkaSettingsTest {

    @Test
    void producerDefaults() {
        Map<String, Object> config = KafkaSettings.producer("k:9092", Map.of());

        assertThat(config)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "0")
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000")
                .containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())
                .containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName())
                .containsEntry(
                        ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, PartitionKeyExtensionInterceptor.class.getName())
                .containsEntry(CloudEventSerializer.ENCODING_CONFIG, "BINARY")
                .doesNotContainKey(CloudEventSerializer.EVENT_FORMAT_CONFIG);
    }

    @Test
    void producerStructured() {
        Map<String, Object> config = KafkaSettings.producer("k:9092", Encoding.STRUCTURED, Map.of());

        assertThat(config)
                .containsEntry(CloudEventSerializer.ENCODING_CONFIG, "STRUCTURED")
                .containsEntry(CloudEventSerializer.EVENT_FORMAT_CONFIG, "application/cloudevents+json");
    }

    @Test
    void producerOverridesWin() {
        Map<String, Object> config =
                KafkaSettings.producer("k:9092", Map.of("linger.ms", "5", "compression.type", "zstd"));

        assertThat(config).containsEntry("linger.ms", "5").containsEntry("compression.type", "zstd");
    }

    @Test
    void producerRefusesADeliveryTimeoutShorterThanLingerPlusRequest() {
        assertThatThrownBy(() -> KafkaSettings.producer(
                        "k:9092",
                        Map.of("linger.ms", "100", "request.timeout.ms", "2000", "delivery.timeout.ms", "2050")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery.timeout.ms=2050 must be at least linger.ms + request.timeout.ms = 2100");
        assertThatThrownBy(() -> KafkaSettings.producer("k:9092", Map.of("linger.ms", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linger.ms must be a number");
    }

    @Test
    void consumerDefaults() {
        Map<String, Object> config = KafkaSettings.consumer("k:9092", "knative-trigger-ns-t", Map.of());

        assertThat(config)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "knative-trigger-ns-t")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .containsEntry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000")
                .containsEntry(
                        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    @Test
    void consumerOverridesWin() {
        Map<String, Object> config = KafkaSettings.consumer(
                "k:9092", "g", Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, KafkaSettings.EARLIEST));

        assertThat(config).containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }
}
