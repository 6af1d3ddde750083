package dev.kinetic.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaTestResourceTest {

    static Stream<Arguments> topicSpecs() {
        return Stream.of(
                Arguments.of("empty", "", Map.of()),
                Arguments.of("blank entries", " , ,", Map.of()),
                Arguments.of("name only", "orders", Map.of("orders", 1)),
                Arguments.of("name and partitions", "orders:3", Map.of("orders", 3)),
                Arguments.of("several, spaces", " orders : 3 , audit ", Map.of("orders", 3, "audit", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSpecs")
    void parsesTopics(String name, String spec, Map<String, Integer> expected) {
        assertThat(KafkaTestResource.parseTopics(spec)).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders:x", "orders:0", ":3", "orders,orders:2"})
    void rejectsBadTopics(String spec) {
        assertThatThrownBy(() -> KafkaTestResource.parseTopics(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(spec);
    }

    @Test
    void startsABrokerCreatesTopicsAndReturnsItsConfig() throws Exception {
        KafkaTestResource resource = new KafkaTestResource();
        resource.init(Map.of(KafkaTestResource.TOPICS, "orders:2,audit"));
        try {
            Map<String, String> config = resource.start();

            String servers = resource.kafka().bootstrapServers();
            assertThat(config)
                    .containsOnly(
                            entry("kafka.bootstrap.servers", servers),
                            entry("mp.messaging.connector.smallrye-kafka.bootstrap.servers", servers),
                            entry("quarkus.kafka.devservices.enabled", "false"));
            assertThat(resource.kafka().adminClient().listTopics().names().get())
                    .containsAll(Set.of("orders", "audit"));
        } finally {
            resource.stop();
        }
        assertThat(resource.kafka()).isNull();
    }
}
