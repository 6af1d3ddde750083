package dev.kinetic.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.common.MetadataVersion;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@WithKafka
class InProcessKafkaTest {

    private static final Logger LOG = Logger.getLogger(InProcessKafkaTest.class);

    private static InProcessKafka fromBeforeAll;

    private final InProcessKafka fromConstructor;

    InProcessKafkaTest(InProcessKafka kafka) {
        this.fromConstructor = kafka;
    }

    @BeforeAll
    static void rememberBroker(InProcessKafka kafka) {
        fromBeforeAll = kafka;
        LOG.infof(
                "In-process Kafka at %s started in %d ms",
                kafka.bootstrapServers(), kafka.startupTime().toMillis());
    }

    @Test
    void oneBrokerPerClassIsInjectedEverywhere(InProcessKafka kafka) {
        assertThat(kafka).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
        assertThat(kafka.bootstrapServers()).matches("localhost:\\d+");
        assertThat(kafka.dataDirectory()).isDirectory();
    }

    @Test
    void theClusterRunsTheProductionMetadataVersion(InProcessKafka kafka) throws Exception {
        FinalizedVersionRange metadataVersion = kafka.adminClient()
                .describeFeatures()
                .featureMetadata()
                .get()
                .finalizedFeatures()
                .get("metadata.version");

        assertThat(metadataVersion.maxVersionLevel())
                .isEqualTo(MetadataVersion.latestProduction().featureLevel());
    }

    @Test
    void createTopicMakesEveryPartitionUsable(InProcessKafka kafka) throws Exception {
        kafka.createTopic("created-topic", 3);

        TopicDescription description = kafka.adminClient()
                .describeTopics(List.of("created-topic"))
                .allTopicNames()
                .get()
                .get("created-topic");
        assertThat(description.partitions()).hasSize(3).allSatisfy(partition -> {
            assertThat(partition.leader()).isNotNull();
            assertThat(partition.replicas()).hasSize(1);
        });
    }

    @Test
    void createTopicRejectsAnExistingTopicAndBadPartitionCounts(InProcessKafka kafka) {
        kafka.createTopic("existing-topic", 1);

        assertThatThrownBy(() -> kafka.createTopic("existing-topic", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("existing-topic");
        assertThatThrownBy(() -> kafka.createTopic("no-partitions", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsRoundTripThroughAConsumerGroup(InProcessKafka kafka) {
        kafka.createTopic("round-trip", 3);
        List<String> sent = IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList();

        try (KafkaProducer<String, String> producer = producer(kafka)) {
            for (int i = 0; i < sent.size(); i++) {
                producer.send(new ProducerRecord<>("round-trip", "key-" + (i % 5), sent.get(i)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka, "round-trip-group")) {
            consumer.subscribe(List.of("round-trip"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
                return received.size() >= sent.size();
            });
        }

        assertThat(received).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(sent);
        // Records with the same key land on the same partition.
        Map<String, Set<Integer>> partitionsByKey = received.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(partitionsByKey).hasSize(5).allSatisfy((key, partitions) -> assertThat(partitions)
                .hasSize(1));
    }

    @Test
    void closeStopsTheBrokerAndDeletesItsData() {
        InProcessKafka own = InProcessKafka.start(Map.of("auto.create.topics.enable", "false"));
        Path data = own.dataDirectory();
        assertThat(data).isDirectory();
        assertThat(own.startupTime()).isPositive();

        own.close();

        assertThat(Files.exists(data)).isFalse();
        assertThatThrownBy(own::adminClient).isInstanceOf(IllegalStateException.class);
        own.close();
    }

    @Nested
    class NestedClasses {

        @Test
        void shareTheEnclosingClassBroker(InProcessKafka kafka) {
            assertThat(kafka).isSameAs(fromBeforeAll);
        }
    }

    static KafkaProducer<String, String> producer(InProcessKafka kafka) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> consumer(InProcessKafka kafka, String groupId) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
