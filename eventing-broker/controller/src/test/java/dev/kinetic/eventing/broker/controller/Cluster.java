package dev.kinetic.eventing.broker.controller;

import static org.awaitility.Awaitility.await;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.Status;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.testsupport.fixtures.EventingFixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the controller's integration tests do with the test server and Kafka. */
public final class Cluster {
    public static final Duration WAIT = Duration.ofSeconds(30);
    public static final String CONTRACT = "kafka-broker-brokers-triggers";

    private static Admin admin;

    private Cluster() {}

    /** One admin client of the test's Kafka for all tests. */
    public static synchronized Admin admin(String bootstrapServers) {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
        }
        return admin;
    }

    /** A {@code kafka-broker-config} in {@code namespace}. */
    public static void brokerConfig(KubernetesClient client, String namespace, String servers, int partitions) {
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kafka-broker-config")
                        .withNamespace(namespace)
                        .endMetadata()
                        .addToData("bootstrap.servers", servers)
                        .addToData("default.topic.partitions", String.valueOf(partitions))
                        .addToData("default.topic.replication.factor", "1")
                        .addToData("default.topic.config.retention.ms", "3600000")
                        .build())
                .create();
    }

    /** A Kafka Broker configured by the namespace's {@code kafka-broker-config}. */
    @SafeVarargs
    public static Broker broker(
            KubernetesClient client, String namespace, String name, java.util.function.Consumer<Broker>... options) {
        Broker b = EventingFixtures.broker(namespace, name);
        EventingFixtures.withBrokerConfig("kafka-broker-config", namespace).accept(b);
        for (var option : options) {
            option.accept(b);
        }
        return client.resource(b).create();
    }

    public static Broker awaitBroker(KubernetesClient client, String namespace, String name, Predicate<Broker> test) {
        return await("Broker " + namespace + "/" + name)
                .atMost(WAIT)
                .until(
                        () -> client.resources(Broker.class)
                                .inNamespace(namespace)
                                .withName(name)
                                .get(),
                        b -> b != null && b.getStatus() != null && test.test(b));
    }

    public static Trigger awaitTrigger(
            KubernetesClient client, String namespace, String name, Predicate<Trigger> test) {
        return await("Trigger " + namespace + "/" + name)
                .atMost(WAIT)
                .until(
                        () -> client.resources(Trigger.class)
                                .inNamespace(namespace)
                                .withName(name)
                                .get(),
                        t -> t != null && t.getStatus() != null && test.test(t));
    }

    public static Broker readyBroker(KubernetesClient client, String namespace, String name) {
        return awaitBroker(client, namespace, name, Broker::isReady);
    }

    /** The condition of {@code type}, or an empty one. */
    public static Condition condition(Status status, String type) {
        return status == null ? new Condition() : status.condition(type).orElse(new Condition());
    }

    public static boolean is(Status status, String type, String value) {
        return value.equals(condition(status, type).getStatus());
    }

    /** A consumer group with a committed offset, as a dispatcher leaves it; the consumer is gone afterwards. */
    public static void commitOffset(String bootstrapServers, String group, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
        }
    }

    /** The consumer groups Kafka knows. */
    public static Set<String> groups(String bootstrapServers) throws Exception {
        return admin(bootstrapServers).listConsumerGroups().all().get().stream()
                .map(ConsumerGroupListing::groupId)
                .collect(Collectors.toSet());
    }

    /** The contract as stored now. */
    public static Contract contract(KubernetesClient client) {
        ConfigMap cm = client.configMaps()
                .inNamespace(BrokerTestServer.SYSTEM_NAMESPACE)
                .withName(CONTRACT)
                .get();
        return cm == null ? Contract.EMPTY : ContractJson.read(cm.getData().get(ContractJson.DATA_KEY));
    }

    public static Optional<Resource> resource(Contract contract, String uid) {
        return contract.resources().stream().filter(r -> r.uid().equals(uid)).findFirst();
    }

    public static Optional<Egress> egress(Contract contract, String uid) {
        return contract.resources().stream()
                .flatMap(r -> r.egresses().stream())
                .filter(e -> e.uid().equals(uid))
                .findFirst();
    }
}
