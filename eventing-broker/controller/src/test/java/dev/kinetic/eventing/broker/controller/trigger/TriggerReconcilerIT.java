package dev.kinetic.eventing.broker.controller.trigger;

import static dev.kinetic.eventing.broker.controller.Cluster.WAIT;
import static dev.kinetic.eventing.broker.controller.Cluster.awaitTrigger;
import static dev.kinetic.eventing.broker.controller.Cluster.brokerConfig;
import static dev.kinetic.eventing.broker.controller.Cluster.condition;
import static dev.kinetic.eventing.broker.controller.Cluster.is;
import static dev.kinetic.eventing.broker.controller.Cluster.readyBroker;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.exact;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.prefix;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withAttributesFilter;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withFilters;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withSubscriber;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withTriggerDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.api.eventing.v1.TriggerStatus;
import dev.kinetic.api.messaging.v1.InMemoryChannel;
import dev.kinetic.api.messaging.v1.InMemoryChannelStatus;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.ServiceStatus;
import dev.kinetic.eventing.broker.controller.BrokerTestServer;
import dev.kinetic.eventing.broker.controller.Cluster;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import dev.kinetic.testsupport.fixtures.EventingFixtures;
import dev.kinetic.testsupport.fixtures.Options;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The Trigger reconciler against the Kubernetes test server (CRUD, our CRDs) and a real in-process Kafka. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BrokerTestServer.class)
@WithTestResource(KafkaTestResource.class)
class TriggerReconcilerIT {

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String servers;

    /** A namespace with a ready Kafka Broker {@code default}. */
    private Broker namespaceWithBroker(String ns) {
        return namespaceWithBroker(ns, 1);
    }

    /** A namespace with a ready Kafka Broker {@code default} whose topic has {@code partitions} partitions. */
    private Broker namespaceWithBroker(String ns, int partitions) {
        brokerConfig(client, ns, servers, partitions);
        Cluster.broker(client, ns, "default");
        return readyBroker(client, ns, "default");
    }

    @SafeVarargs
    private Trigger trigger(String ns, String name, Consumer<? super Trigger>... options) {
        return client.resource(EventingFixtures.trigger(ns, name, "default", options))
                .create();
    }

    private Trigger awaitSubscriber(String ns, String name, String uri) {
        return awaitTrigger(client, ns, name, t -> uri.equals(t.getStatus().getSubscriberUri()));
    }

    private static Destination ref(String apiVersion, String kind, String name) {
        return new Destination()
                .setRef(new KReference().setApiVersion(apiVersion).setKind(kind).setName(name));
    }

    /** A Knative Service whose status publishes its address, as the serving controller writes it. */
    private void knativeService(String ns, String name) {
        Service svc = client.resource(ServingFixtures.service(ns, name)).create();
        ServiceStatus status = new ServiceStatus();
        status.setAddress(new Addressable().setUrl("http://" + name + "." + ns + ".svc.cluster.local"));
        svc.setStatus(status);
        client.resource(svc).updateStatus();
    }

    /** A custom Addressable ({@code Sink}, the test CRD) with an http and an https address. */
    private void sink(String ns, String name) {
        GenericKubernetesResource sink = new GenericKubernetesResourceBuilder()
                .withApiVersion("test.kinetic.dev/v1")
                .withKind("Sink")
                .withNewMetadata()
                .withNamespace(ns)
                .withName(name)
                .endMetadata()
                .build();
        var sinks =
                client.genericKubernetesResources("test.kinetic.dev/v1", "Sink").inNamespace(ns);
        GenericKubernetesResource created = sinks.resource(sink).create();
        created.setAdditionalProperty(
                "status",
                Map.of(
                        "address",
                        Map.of("name", "http", "url", "http://" + name + ".example/http"),
                        "addresses",
                        List.of(
                                Map.of("name", "http", "url", "http://" + name + ".example/http"),
                                Map.of("name", "https", "url", "https://" + name + ".example/https"))));
        sinks.resource(created).updateStatus();
    }

    @Test
    void aSubscriberOfEveryKindResolves() {
        String ns = "trigger-kinds";
        namespaceWithBroker(ns);
        brokerConfig(client, "trigger-kinds-other", servers, 1);
        Cluster.broker(client, "trigger-kinds-other", "target");
        knativeService(ns, "ksvc");
        InMemoryChannel channel =
                client.resource(EventingFixtures.inMemoryChannel(ns, "imc")).create();
        InMemoryChannelStatus channelStatus = new InMemoryChannelStatus();
        channelStatus.setAddress(new Addressable().setName("http").setUrl("http://imc-kn-channel.trigger-kinds.svc"));
        channel.setStatus(channelStatus);
        client.resource(channel).updateStatus();
        sink(ns, "custom");

        Destination otherBroker = ref("eventing.knative.dev/v1", "Broker", "target");
        otherBroker.getRef().setNamespace("trigger-kinds-other");
        Destination https = ref("test.kinetic.dev/v1", "Sink", "custom");
        https.getRef().setAddress("https");
        Map<String, Destination> subscribers = Map.of(
                "core-service", ref("v1", "Service", "plain"),
                "knative-service", ref("serving.knative.dev/v1", "Service", "ksvc"),
                "broker", otherBroker,
                "channel", ref("messaging.knative.dev/v1", "InMemoryChannel", "imc"),
                "addressable", https,
                "absolute-uri", EventingFixtures.uri("https://hooks.example.com/in"),
                "ref-and-relative-uri",
                        ref("serving.knative.dev/v1", "Service", "ksvc").setUri("/events?x=1"));
        Map<String, String> expected = Map.of(
                "core-service", "http://plain.trigger-kinds.svc.cluster.local",
                "knative-service", "http://ksvc.trigger-kinds.svc.cluster.local",
                "broker", "http://" + BrokerTestServer.RECEIVER_HOST + "/trigger-kinds-other/target",
                "channel", "http://imc-kn-channel.trigger-kinds.svc",
                "addressable", "https://custom.example/https",
                "absolute-uri", "https://hooks.example.com/in",
                "ref-and-relative-uri", "http://ksvc.trigger-kinds.svc.cluster.local/events?x=1");
        subscribers.forEach((name, destination) -> trigger(ns, name, withSubscriber(destination)));

        expected.forEach((name, uri) -> {
            Trigger t = awaitSubscriber(ns, name, uri);
            assertThat(condition(t.getStatus(), TriggerStatus.SUBSCRIBER_RESOLVED)
                            .getStatus())
                    .as(name)
                    .isEqualTo(Condition.TRUE);
            Trigger ready = awaitTrigger(client, ns, name, Trigger::isReady);
            assertThat(Cluster.egress(
                                    Cluster.contract(client),
                                    ready.getMetadata().getUid())
                            .map(Egress::destination))
                    .as(name)
                    .contains(uri);
        });
    }

    @Test
    void anUnresolvableSubscriberResolvesOnceItsObjectAppears() {
        String ns = "trigger-late";
        namespaceWithBroker(ns);
        Trigger created = trigger(ns, "late", withSubscriber(ref("test.kinetic.dev/v1", "Sink", "later")));

        Trigger waiting = awaitTrigger(
                client, ns, "late", t -> is(t.getStatus(), TriggerStatus.SUBSCRIBER_RESOLVED, Condition.FALSE));
        Condition resolved = condition(waiting.getStatus(), TriggerStatus.SUBSCRIBER_RESOLVED);
        assertThat(resolved.getReason()).isEqualTo("Unresolvable");
        assertThat(resolved.getMessage())
                .isEqualTo("Subscriber: Sink (test.kinetic.dev/v1) \"trigger-late/later\" does not exist");
        assertThat(waiting.getStatus().getSubscriberUri()).isNull();
        assertThat(is(waiting.getStatus(), "Ready", Condition.TRUE)).isFalse();
        assertThat(Cluster.egress(
                        Cluster.contract(client), created.getMetadata().getUid()))
                .isEmpty();

        sink(ns, "later");

        Trigger ready = awaitTrigger(client, ns, "late", Trigger::isReady);
        assertThat(ready.getStatus().getSubscriberUri()).isEqualTo("http://later.example/http");
    }

    @Test
    void theContractCarriesTheTriggersEgressUntilItIsDeleted() {
        String ns = "trigger-contract";
        Broker broker = namespaceWithBroker(ns);
        Trigger created = trigger(
                ns,
                "orders",
                withSubscriber(ref("v1", "Service", "orders")),
                withAttributesFilter(Map.of("type", "order.created")),
                withFilters(exact("source", "shop"), prefix("subject", "eu-")),
                withTriggerDelivery(new DeliverySpec()
                        .setRetry(3)
                        .setBackoffPolicy("linear")
                        .setBackoffDelay("PT0.5S")
                        .setTimeout("PT10S")),
                Options.withAnnotation(Knative.DELIVERY_ORDER_ANNOTATION, "ordered"));

        Trigger ready = awaitTrigger(client, ns, "orders", Trigger::isReady);

        for (String type : TriggerStatus.CONDITIONS.dependents()) {
            assertThat(condition(ready.getStatus(), type).getStatus()).as(type).isEqualTo(Condition.TRUE);
        }
        assertThat(condition(ready.getStatus(), "DeadLetterSinkResolved").getReason())
                .isEqualTo("DeadLetterSinkNotConfigured");
        assertThat(ready.getStatus().getObservedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
        String uid = created.getMetadata().getUid();
        Egress egress = Cluster.egress(Cluster.contract(client), uid).orElseThrow();
        assertThat(Cluster.resource(
                                Cluster.contract(client), broker.getMetadata().getUid())
                        .orElseThrow()
                        .egresses())
                .extracting(Egress::uid)
                .contains(uid);
        assertThat(egress.consumerGroup()).isEqualTo("knative-trigger-trigger-contract-orders");
        assertThat(egress.destination()).isEqualTo("http://orders.trigger-contract.svc.cluster.local");
        assertThat(egress.replyStrategy()).isEqualTo(Egress.ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC);
        assertThat(egress.filterAttributes()).isEqualTo(Map.of("type", "order.created"));
        assertThat(egress.filters()).containsExactly(exact("source", "shop"), prefix("subject", "eu-"));
        assertThat(egress.deliveryOrder()).isEqualTo(DeliveryOrder.ORDERED);
        assertThat(egress.egressConfig().retry()).isEqualTo(3);
        assertThat(egress.egressConfig().backoffPolicy()).isEqualTo(BackoffPolicy.LINEAR);
        assertThat(egress.egressConfig().backoffDelayMs()).isEqualTo(500);
        assertThat(egress.egressConfig().timeoutMs()).isEqualTo(10_000);
        assertThat(egress.reference().name()).isEqualTo("orders");

        client.resource(created).delete();

        await("the egress leaves the contract").atMost(WAIT).until(() -> Cluster.egress(Cluster.contract(client), uid)
                .isEmpty());
        assertThat(Cluster.resource(
                        Cluster.contract(client), broker.getMetadata().getUid()))
                .isPresent();
    }

    /**
     * Knative's {@code InitialOffsetsCommitted}: a new Trigger's consumer group starts at the end of the Broker's
     * topic, not at its history; a partition the group already has an offset for keeps it.
     */
    @Test
    void aNewTriggerStartsAtTheEndOfItsBrokersTopic() throws Exception {
        String ns = "trigger-offsets";
        namespaceWithBroker(ns, 3);
        String topic = "knative-broker-" + ns + "-default";
        String group = "knative-trigger-" + ns + "-late";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", servers), new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < 3; partition++) {
                for (int i = 0; i < 3 + partition; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, "history " + i));
                }
            }
            producer.flush();
        }
        TopicPartition p0 = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            admin.alterConsumerGroupOffsets(group, Map.of(p0, new OffsetAndMetadata(1)))
                    .all()
                    .get(10, TimeUnit.SECONDS);

            trigger(ns, "late", withSubscriber(EventingFixtures.uri("http://sub.example/")));
            awaitTrigger(client, ns, "late", Trigger::isReady);

            Map<TopicPartition, Long> committed = admin
                    .listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS)
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
            assertThat(committed)
                    .as(
                            "initial offsets at the end of the topic (4 and 5 records); partition 0 kept the group's own offset")
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(p0, 1L, new TopicPartition(topic, 1), 4L, new TopicPartition(topic, 2), 5L));
        }
    }

    /** A group whose consumers are already members keeps their positions: the Trigger is served all the same. */
    @Test
    void aGroupWithMembersIsLeftToItsConsumers() throws Exception {
        String ns = "trigger-offsets-busy";
        namespaceWithBroker(ns);
        String topic = "knative-broker-" + ns + "-default";
        String group = "knative-trigger-" + ns + "-busy";
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(
                Map.of("bootstrap.servers", servers, "group.id", group, "enable.auto.commit", "false"),
                new StringDeserializer(),
                new StringDeserializer())) {
            member.subscribe(List.of(topic));
            await("the member joins").atMost(WAIT).until(() -> {
                member.poll(java.time.Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });

            trigger(ns, "busy", withSubscriber(EventingFixtures.uri("http://sub.example/")));

            Trigger ready = awaitTrigger(client, ns, "busy", Trigger::isReady);
            assertThat(Cluster.egress(
                            Cluster.contract(client), ready.getMetadata().getUid()))
                    .isPresent();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
                assertThat(admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get(10, TimeUnit.SECONDS))
                        .as("nothing committed over the member's head")
                        .isEmpty();
            }
        }
    }

    @Test
    void theBrokersDeliveryAppliesToATriggerWithoutItsOwn() {
        String ns = "trigger-broker-delivery";
        brokerConfig(client, ns, servers, 1);
        Cluster.broker(
                client,
                ns,
                "default",
                EventingFixtures.withBrokerDelivery(new DeliverySpec()
                        .setRetry(5)
                        .setDeadLetterSink(new Destination()
                                .setRef(new KReference()
                                        .setApiVersion("v1")
                                        .setKind("Service")
                                        .setName("dls")))));
        readyBroker(client, ns, "default");
        Trigger created = trigger(ns, "inherits", withSubscriber(EventingFixtures.uri("http://sub.example/")));

        Trigger ready = awaitTrigger(client, ns, "inherits", Trigger::isReady);

        String dls = "http://dls.trigger-broker-delivery.svc.cluster.local";
        assertThat(ready.getStatus().getDeadLetterSinkUri()).isEqualTo(dls);
        Egress egress = Cluster.egress(
                        Cluster.contract(client), created.getMetadata().getUid())
                .orElseThrow();
        assertThat(egress.egressConfig().retry()).isEqualTo(5);
        assertThat(egress.egressConfig().deadLetter()).isEqualTo(dls);
        assertThat(egress.deliveryOrder()).isEqualTo(DeliveryOrder.UNORDERED);
    }

    @Test
    void aMissingBrokerIsReportedAndFoundOnceCreated() {
        String ns = "trigger-no-broker";
        brokerConfig(client, ns, servers, 1);
        client.resource(EventingFixtures.trigger(
                        ns, "early", "later", withSubscriber(EventingFixtures.uri("http://sub.example/"))))
                .create();

        Trigger waiting =
                awaitTrigger(client, ns, "early", t -> is(t.getStatus(), TriggerStatus.BROKER_READY, Condition.FALSE));
        Condition brokerReady = condition(waiting.getStatus(), TriggerStatus.BROKER_READY);
        assertThat(brokerReady.getReason()).isEqualTo("BrokerDoesNotExist");
        assertThat(brokerReady.getMessage()).contains("\"later\"");

        Cluster.broker(client, ns, "later");

        awaitTrigger(client, ns, "early", Trigger::isReady);
    }

    @Test
    void aBadDeliveryOrderIsAUserMistake() {
        String ns = "trigger-bad-order";
        namespaceWithBroker(ns);
        Trigger created = trigger(
                ns,
                "fifo",
                withSubscriber(EventingFixtures.uri("http://sub.example/")),
                Options.withAnnotation(Knative.DELIVERY_ORDER_ANNOTATION, "fifo"));

        Trigger failed = awaitTrigger(
                client, ns, "fifo", t -> is(t.getStatus(), TriggerStatus.SUBSCRIPTION_READY, Condition.FALSE));

        Condition subscription = condition(failed.getStatus(), TriggerStatus.SUBSCRIPTION_READY);
        assertThat(subscription.getReason()).isEqualTo("InvalidDeliveryOrder");
        assertThat(subscription.getMessage()).contains("ordered or unordered, got \"fifo\"");
        assertThat(Cluster.egress(
                        Cluster.contract(client), created.getMetadata().getUid()))
                .isEmpty();
    }

    @Test
    void aTriggerOfAnotherBrokerClassIsLeftAlone() {
        String ns = "trigger-other-class";
        namespaceWithBroker(ns);
        client.resource(EventingFixtures.broker(
                        ns, "mt", Options.withAnnotation(Knative.BROKER_CLASS_ANNOTATION, "MTChannelBasedBroker")))
                .create();
        client.resource(EventingFixtures.trigger(ns, "theirs", "mt")).create();
        trigger(ns, "ours", withSubscriber(EventingFixtures.uri("http://sub.example/")));

        awaitTrigger(client, ns, "ours", Trigger::isReady);

        Trigger theirs = client.resources(Trigger.class)
                .inNamespace(ns)
                .withName("theirs")
                .get();
        assertThat(theirs.getStatus()).isNull();
        assertThat(theirs.getMetadata().getFinalizers()).isNullOrEmpty();
    }
}
