package dev.kinetic.eventing.broker.controller.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaBrokerConfigTest {
    private static final Map<String, String> VALID = Map.of(
            "bootstrap.servers", "kafka-1:9092,kafka-2:9092",
            "default.topic.partitions", "10",
            "default.topic.replication.factor", "3");

    private static Map<String, String> with(String key, String value) {
        Map<String, String> data = new HashMap<>(VALID);
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
        return data;
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(
                        "Knative's example",
                        VALID,
                        null,
                        new KafkaBrokerConfig("kafka-1:9092,kafka-2:9092", 10, (short) 3, Map.of())),
                Arguments.of(
                        "no servers: the default",
                        with("bootstrap.servers", null),
                        "default:9092",
                        new KafkaBrokerConfig("default:9092", 10, (short) 3, Map.of())),
                Arguments.of(
                        "own servers win over the default",
                        VALID,
                        "default:9092",
                        new KafkaBrokerConfig("kafka-1:9092,kafka-2:9092", 10, (short) 3, Map.of())),
                Arguments.of(
                        "Kafka's defaults (-1)",
                        with("default.topic.partitions", "-1"),
                        null,
                        new KafkaBrokerConfig("kafka-1:9092,kafka-2:9092", -1, (short) 3, Map.of())),
                Arguments.of(
                        "topic config passed through, spaces trimmed",
                        Map.of(
                                "bootstrap.servers", " k:9092 ",
                                "default.topic.partitions", " 1 ",
                                "default.topic.replication.factor", "1",
                                "default.topic.config.retention.ms", "3600000",
                                "default.topic.config.cleanup.policy", "delete",
                                "auth.secret.ref.name", "ignored"),
                        null,
                        new KafkaBrokerConfig(
                                "k:9092",
                                1,
                                (short) 1,
                                Map.of("retention.ms", "3600000", "cleanup.policy", "delete"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String name, Map<String, String> data, String defaultServers, KafkaBrokerConfig expected) {
        KafkaBrokerConfig.Parsed parsed = KafkaBrokerConfig.fromMap(data, defaultServers);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.config()).contains(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "no data at all",
                        null,
                        List.of(
                                "missing bootstrap.servers",
                                "missing default.topic.partitions",
                                "missing default.topic.replication.factor")),
                Arguments.of(
                        "no servers, no default",
                        with("bootstrap.servers", null),
                        List.of("missing bootstrap.servers")),
                Arguments.of("blank servers", with("bootstrap.servers", "  "), List.of("missing bootstrap.servers")),
                Arguments.of(
                        "server without port",
                        with("bootstrap.servers", "kafka"),
                        List.of("bootstrap.servers must be a comma-separated list of host:port, got \"kafka\"")),
                Arguments.of(
                        "bad port",
                        with("bootstrap.servers", "kafka:99999"),
                        List.of("bootstrap.servers must be a comma-separated list of host:port, got \"kafka:99999\"")),
                Arguments.of(
                        "partitions not a number",
                        with("default.topic.partitions", "ten"),
                        List.of(
                                "default.topic.partitions must be a whole number from 1 to 2147483647 (or -1 for Kafka's"
                                        + " default), got \"ten\"")),
                Arguments.of(
                        "zero partitions",
                        with("default.topic.partitions", "0"),
                        List.of(
                                "default.topic.partitions must be a whole number from 1 to 2147483647 (or -1 for Kafka's"
                                        + " default), got \"0\"")),
                Arguments.of(
                        "replication factor too big",
                        with("default.topic.replication.factor", "40000"),
                        List.of(
                                "default.topic.replication.factor must be a whole number from 1 to 32767 (or -1 for Kafka's"
                                        + " default), got \"40000\"")),
                Arguments.of(
                        "missing replication factor",
                        with("default.topic.replication.factor", null),
                        List.of("missing default.topic.replication.factor")),
                Arguments.of(
                        "topic config without a name",
                        with("default.topic.config.", "x"),
                        List.of("default.topic.config. names no topic setting")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, Map<String, String> data, List<String> errors) {
        KafkaBrokerConfig.Parsed parsed = KafkaBrokerConfig.fromMap(data, null);
        assertThat(parsed.config()).isEmpty();
        assertThat(parsed.errors()).containsExactlyInAnyOrderElementsOf(errors);
        assertThat(parsed.message()).contains(errors.get(0));
    }

    @Test
    void topicConfigIsImmutableAndSorted() {
        KafkaBrokerConfig config =
                new KafkaBrokerConfig("k:1", 1, (short) 1, new HashMap<>(Map.of("b", "2", "a", "1")));
        assertThat(config.topicConfig()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
    }
}
