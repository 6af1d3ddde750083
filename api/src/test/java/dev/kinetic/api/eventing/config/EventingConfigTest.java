package dev.kinetic.api.eventing.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.KReference;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventingConfigTest {

    static final String BROKER_DEFAULTS = """
            clusterDefault:
              brokerClass: MTChannelBasedBroker
              brokerClasses:
                MTChannelBasedBroker:
                  delivery:
                    retry: 10
              apiVersion: v1
              kind: ConfigMap
              name: config-br-default-channel
              namespace: knative-eventing
              delivery:
                retry: 10
                backoffPolicy: exponential
                backoffDelay: PT0.2S
            namespaceDefaults:
              orders:
                brokerClass: Kafka
              payments:
                apiVersion: v1
                kind: ConfigMap
                name: payments-kafka
                namespace: payments
            """;

    static final String CHANNEL_DEFAULTS = """
            clusterDefault:
              apiVersion: messaging.knative.dev/v1
              kind: InMemoryChannel
            namespaceDefaults:
              orders:
                apiVersion: messaging.knative.dev/v1beta1
                kind: KafkaChannel
                spec:
                  numPartitions: 2
                  replicationFactor: 1
            """;

    @Test
    void shippedDefaultsAreKafka() {
        EventingConfig config = EventingConfig.defaults();
        EventingConfig.BrokerDefault broker = config.brokerDefault("any");
        assertThat(broker.brokerClass()).isEqualTo(Knative.KAFKA_BROKER_CLASS);
        assertThat(broker.config())
                .isEqualTo(new KReference()
                        .setApiVersion("v1")
                        .setKind("ConfigMap")
                        .setName("kafka-broker-config")
                        .setNamespace("kinetic-system"));
        assertThat(broker.delivery()).isNull();
        assertThat(config.channelDefault("any"))
                .isEqualTo(new EventingConfig.ChannelDefault("messaging.knative.dev/v1beta1", "KafkaChannel", null));
    }

    @Test
    void absentConfigMapsKeepTheShippedDefaults() {
        EventingConfig.Parsed parsed = EventingConfig.fromMaps(null, Map.of());
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.config()).isEqualTo(EventingConfig.defaults());
        assertThat(EventingConfig.fromMaps(Map.of(EventingConfig.BROKER_DEFAULTS_KEY, "  "), null)
                        .config())
                .isEqualTo(EventingConfig.defaults());
    }

    @Test
    void parsesKnativesConfigMaps() {
        EventingConfig.Parsed parsed = EventingConfig.fromMaps(
                Map.of(EventingConfig.BROKER_DEFAULTS_KEY, BROKER_DEFAULTS),
                Map.of(EventingConfig.CHANNEL_DEFAULTS_KEY, CHANNEL_DEFAULTS));
        assertThat(parsed.errors().list()).as(parsed.errors().toString()).isEmpty();
        EventingConfig config = parsed.config();

        EventingConfig.BrokerDefault cluster = config.brokerDefault("elsewhere");
        assertThat(cluster.brokerClass()).isEqualTo(Knative.MT_CHANNEL_BROKER_CLASS);
        assertThat(cluster.config().getName()).isEqualTo("config-br-default-channel");
        assertThat(cluster.delivery().getRetry()).isEqualTo(10);
        assertThat(cluster.delivery().getBackoffDelay()).isEqualTo("PT0.2S");

        EventingConfig.BrokerDefault orders = config.brokerDefault("orders");
        assertThat(orders.brokerClass()).isEqualTo(Knative.KAFKA_BROKER_CLASS);
        assertThat(orders.config().getName())
                .as("unset fields fall back to the cluster default")
                .isEqualTo("config-br-default-channel");

        EventingConfig.BrokerDefault payments = config.brokerDefault("payments");
        assertThat(payments.brokerClass()).isEqualTo(Knative.MT_CHANNEL_BROKER_CLASS);
        assertThat(payments.config().getName()).isEqualTo("payments-kafka");

        assertThat(config.channelDefault("elsewhere").kind()).isEqualTo("InMemoryChannel");
        EventingConfig.ChannelDefault ordersChannel = config.channelDefault("orders");
        assertThat(ordersChannel.kind()).isEqualTo("KafkaChannel");
        assertThat(ordersChannel.specCopy().get("numPartitions").asInt()).isEqualTo(2);
    }

    @Test
    void clusterDefaultWithoutConfigDefaultsNoConfig() {
        EventingConfig config = EventingConfig.fromMaps(
                        Map.of(EventingConfig.BROKER_DEFAULTS_KEY, "clusterDefault:\n  brokerClass: Kafka\n"), null)
                .config();
        assertThat(config.brokerDefault("x").brokerClass()).isEqualTo("Kafka");
        assertThat(config.brokerDefault("x").config()).isNull();
    }

    static Arguments invalidRow(String name, String brokerYaml, String channelYaml, String path, String message) {
        return Arguments.of(Named.of(name, brokerYaml), channelYaml, path, message);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                invalidRow(
                        "broker defaults not YAML",
                        "clusterDefault: [",
                        null,
                        "default-br-config",
                        "invalid value: clusterDefault: ["),
                invalidRow("broker defaults a list", "- a\n", null, "default-br-config", "invalid value: - a\n"),
                invalidRow(
                        "config reference without a name",
                        "clusterDefault:\n  apiVersion: v1\n  kind: ConfigMap\n",
                        null,
                        "default-br-config.clusterDefault.name",
                        "missing field(s)"),
                invalidRow(
                        "negative retry",
                        "clusterDefault:\n  brokerClass: Kafka\n  delivery:\n    retry: -1\n",
                        null,
                        "default-br-config.clusterDefault.delivery.retry",
                        "invalid value: -1"),
                invalidRow(
                        "unknown delivery field",
                        "clusterDefault:\n  brokerClass: Kafka\n  delivery:\n    retries: 3\n",
                        null,
                        "default-br-config.clusterDefault.delivery",
                        "invalid value: {\"retries\":3}"),
                invalidRow(
                        "namespace delivery bad backoff",
                        "namespaceDefaults:\n  ns:\n    delivery:\n      backoffDelay: 5s\n",
                        null,
                        "default-br-config.namespaceDefaults.ns.delivery.backoffDelay",
                        "invalid value: 5s"),
                invalidRow(
                        "namespace defaults a list",
                        "namespaceDefaults:\n  - ns\n",
                        null,
                        "default-br-config.namespaceDefaults",
                        "invalid value: [\"ns\"]"),
                invalidRow(
                        "channel default without kind",
                        null,
                        "clusterDefault:\n  apiVersion: messaging.knative.dev/v1\n",
                        "default-ch-config.clusterDefault.kind",
                        "missing field(s)"),
                invalidRow(
                        "channel spec not a mapping",
                        null,
                        "namespaceDefaults:\n  ns:\n    apiVersion: a/v1\n    kind: X\n    spec: 3\n",
                        "default-ch-config.namespaceDefaults.ns.spec",
                        "invalid value: 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(String brokerYaml, String channelYaml, String path, String message) {
        EventingConfig.Parsed parsed = EventingConfig.fromMaps(
                brokerYaml == null ? null : Map.of(EventingConfig.BROKER_DEFAULTS_KEY, brokerYaml),
                channelYaml == null ? null : Map.of(EventingConfig.CHANNEL_DEFAULTS_KEY, channelYaml));
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.config()).isNull();
        assertThat(parsed.errors().list()).as(parsed.errors().toString()).hasSize(1);
        FieldError error = parsed.errors().list().get(0);
        assertThat(error.paths()).containsExactly(path);
        assertThat(error.message()).isEqualTo(message);
    }
}
