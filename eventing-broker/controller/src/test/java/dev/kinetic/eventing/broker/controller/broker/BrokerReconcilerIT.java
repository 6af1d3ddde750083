package dev.kinetic.eventing.broker.controller.broker;

import static dev.kinetic.eventing.broker.controller.Cluster.WAIT;
import static dev.kinetic.eventing.broker.controller.Cluster.awaitBroker;
import static dev.kinetic.eventing.broker.controller.Cluster.brokerConfig;
import static dev.kinetic.eventing.broker.controller.Cluster.condition;
import static dev.kinetic.eventing.broker.controller.Cluster.is;
import static dev.kinetic.eventing.broker.controller.Cluster.readyBroker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.BrokerStatus;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.eventing.broker.controller.BrokerTestServer;
import dev.kinetic.eventing.broker.controller.Cluster;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.testsupport.fixtures.EventingFixtures;
import dev.kinetic.testsupport.fixtures.Options;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The Broker reconciler against the Kubernetes test server (CRUD, our CRDs) and a real in-process Kafka. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BrokerTestServer.class)
@WithTestResource(KafkaTestResource.class)
class BrokerReconcilerIT {

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String servers;

    private Admin admin() {
        return Cluster.admin(servers);
    }

    @Test
    void aBrokerGetsItsTopicAndIsReadyAtItsAddress() throws Exception {
        String ns = "broker-ready";
        brokerConfig(client, ns, servers, 3);
        Cluster.broker(client, ns, "default");

        Broker broker = readyBroker(client, ns, "default");

        BrokerStatus status = broker.getStatus();
        String url = "http://" + BrokerTestServer.RECEIVER_HOST + "/broker-ready/default";
        assertThat(status.getAddress())
                .isEqualTo(new Addressable().setName("http").setUrl(url));
        assertThat(status.getAddresses())
                .containsExactly(new Addressable().setName("http").setUrl(url));
        assertThat(status.getObservedGeneration())
                .isEqualTo(broker.getMetadata().getGeneration());
        for (String type : BrokerStatus.CONDITIONS.dependents()) {
            assertThat(condition(status, type).getStatus()).as(type).isEqualTo(Condition.TRUE);
        }
        assertThat(condition(status, "DeadLetterSinkResolved").getReason()).isEqualTo("DeadLetterSinkNotConfigured");
        assertThat(broker.getMetadata().getFinalizers()).contains(BrokerReconciler.FINALIZER);
        assertThat(BrokerTestServer.PROBES.get()).isPositive();

        String topic = "knative-broker-broker-ready-default";
        TopicDescription description =
                admin().describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        assertThat(description.partitions()).hasSize(3);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");

        Resource served = Cluster.resource(
                        Cluster.contract(client), broker.getMetadata().getUid())
                .orElseThrow();
        assertThat(served.topics()).containsExactly(topic);
        assertThat(served.bootstrapServers()).isEqualTo(servers);
        assertThat(served.ingress().path()).isEqualTo("/broker-ready/default");
        assertThat(served.reference().name()).isEqualTo("default");
    }

    @Test
    void aMissingConfigMapIsReportedOnConfigParsed() {
        String ns = "broker-no-config";
        Cluster.broker(client, ns, "default");

        Broker broker = awaitBroker(client, ns, "default", b -> is(b.getStatus(), "ConfigParsed", Condition.FALSE));

        Condition parsed = condition(broker.getStatus(), "ConfigParsed");
        assertThat(parsed.getReason()).isEqualTo("ConfigMapNotFound");
        assertThat(parsed.getMessage())
                .isEqualTo("The ConfigMap \"broker-no-config/kafka-broker-config\" of spec.config does not exist");
        assertThat(condition(broker.getStatus(), "Ready").getStatus()).isEqualTo(Condition.FALSE);
        assertThat(broker.getStatus().getAddress()).isNull();

        // Fixing the config makes it ready without any other change.
        brokerConfig(client, ns, servers, 1);
        readyBroker(client, ns, "default");
    }

    @Test
    void anInvalidConfigIsReportedWithEveryProblem() {
        String ns = "broker-bad-config";
        client.resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kafka-broker-config")
                        .withNamespace(ns)
                        .endMetadata()
                        .addToData("bootstrap.servers", servers)
                        .addToData("default.topic.partitions", "many")
                        .build())
                .create();
        Cluster.broker(client, ns, "default");

        Broker broker = awaitBroker(client, ns, "default", b -> is(b.getStatus(), "ConfigParsed", Condition.FALSE));

        Condition parsed = condition(broker.getStatus(), "ConfigParsed");
        assertThat(parsed.getReason()).isEqualTo("InvalidConfig");
        assertThat(parsed.getMessage())
                .startsWith("The ConfigMap \"broker-bad-config/kafka-broker-config\" is invalid: ")
                .contains("default.topic.partitions must be a whole number")
                .contains("missing default.topic.replication.factor");
    }

    @Test
    void aBrokerWithoutClassGetsKafkaAndOneOfAnotherClassIsLeftAlone() {
        String ns = "broker-classes";
        brokerConfig(client, ns, servers, 1);
        Broker other = EventingFixtures.broker(
                ns, "channel-based", Options.withAnnotation(Knative.BROKER_CLASS_ANNOTATION, "MTChannelBasedBroker"));
        client.resource(other).create();
        Broker classless = EventingFixtures.broker(ns, "classless");
        classless.getMetadata().getAnnotations().remove(Knative.BROKER_CLASS_ANNOTATION);
        EventingFixtures.withBrokerConfig("kafka-broker-config", ns).accept(classless);
        client.resource(classless).create();

        Broker defaulted = readyBroker(client, ns, "classless");

        assertThat(defaulted.brokerClass()).isEqualTo(Knative.KAFKA_BROKER_CLASS);
        Broker untouched = client.resources(Broker.class)
                .inNamespace(ns)
                .withName("channel-based")
                .get();
        assertThat(untouched.getStatus()).isNull();
        assertThat(untouched.getMetadata().getFinalizers()).isNullOrEmpty();
    }

    @Test
    void aBrokersDeadLetterSinkIsResolved() {
        String ns = "broker-dls";
        brokerConfig(client, ns, servers, 1);
        Cluster.broker(
                client,
                ns,
                "default",
                EventingFixtures.withBrokerDelivery(EventingFixtures.deadLetter(new Destination()
                        .setRef(new KReference()
                                .setApiVersion("v1")
                                .setKind("Service")
                                .setName("dls")))));

        Broker broker = readyBroker(client, ns, "default");

        assertThat(broker.getStatus().getDeadLetterSinkUri()).isEqualTo("http://dls.broker-dls.svc.cluster.local");
        Resource served = Cluster.resource(
                        Cluster.contract(client), broker.getMetadata().getUid())
                .orElseThrow();
        assertThat(served.egressConfig().deadLetter()).isEqualTo("http://dls.broker-dls.svc.cluster.local");
    }

    @Test
    void deletingABrokerDeletesItsTopicAndItsTriggersConsumerGroups() throws Exception {
        String ns = "broker-delete";
        brokerConfig(client, ns, servers, 2);
        Broker broker = Cluster.broker(client, ns, "default");
        String uid = readyBroker(client, ns, "default").getMetadata().getUid();
        client.resource(EventingFixtures.trigger(
                        ns, "orders", "default", EventingFixtures.withSubscriber(EventingFixtures.uri("http://x.y/"))))
                .create();
        String topic = "knative-broker-broker-delete-default";
        String group = "knative-trigger-broker-delete-orders";
        Cluster.commitOffset(servers, group, topic);
        assertThat(groups()).contains(group);

        client.resource(broker).delete();

        await("the Broker is gone")
                .atMost(WAIT)
                .until(() -> client.resources(Broker.class)
                                .inNamespace(ns)
                                .withName("default")
                                .get()
                        == null);
        assertThat(admin().listTopics().names().get()).doesNotContain(topic);
        assertThat(groups()).doesNotContain(group);
        assertThat(Cluster.resource(Cluster.contract(client), uid)).isEmpty();
        Trigger orphan =
                Cluster.awaitTrigger(client, ns, "orders", t -> is(t.getStatus(), "BrokerReady", Condition.FALSE));
        assertThat(condition(orphan.getStatus(), "BrokerReady").getReason()).isEqualTo("BrokerDoesNotExist");
    }

    @Test
    void anExternalTopicIsUsedAndNeverDeleted() throws Exception {
        String ns = "broker-external";
        brokerConfig(client, ns, servers, 1);
        Broker missing = Cluster.broker(
                client,
                ns,
                "missing",
                Options.withAnnotation(Knative.KAFKA_EXTERNAL_TOPIC_ANNOTATION, "no-such-topic"));
        Broker notThere = awaitBroker(client, ns, "missing", b -> is(b.getStatus(), "TopicReady", Condition.FALSE));
        assertThat(condition(notThere.getStatus(), "TopicReady").getReason()).isEqualTo("TopicNotPresent");
        assertThat(condition(notThere.getStatus(), "TopicReady").getMessage()).contains("no-such-topic");
        assertThat(admin().listTopics().names().get()).doesNotContain("no-such-topic");

        admin().createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("users-own-topic", 1, (short) 1)))
                .all()
                .get();
        Broker broker = Cluster.broker(
                client,
                ns,
                "default",
                Options.withAnnotation(Knative.KAFKA_EXTERNAL_TOPIC_ANNOTATION, "users-own-topic"));
        String uid = readyBroker(client, ns, "default").getMetadata().getUid();
        assertThat(Cluster.resource(Cluster.contract(client), uid).orElseThrow().topics())
                .containsExactly("users-own-topic");
        assertThat(admin().listTopics().names().get()).doesNotContain("knative-broker-broker-external-default");

        client.resource(broker).delete();
        client.resource(missing).delete();
        await("the Brokers are gone").atMost(WAIT).until(() -> client.resources(Broker.class)
                .inNamespace(ns)
                .list()
                .getItems()
                .isEmpty());
        assertThat(admin().listTopics().names().get()).contains("users-own-topic");
    }

    @Test
    void anUnreachableKafkaIsATransientFailure() {
        String ns = "broker-no-kafka";
        brokerConfig(client, ns, "127.0.0.1:1", 1);
        Cluster.broker(client, ns, "default");

        Broker broker = awaitBroker(client, ns, "default", b -> is(b.getStatus(), "TopicReady", Condition.FALSE));

        Condition topic = condition(broker.getStatus(), "TopicReady");
        assertThat(topic.getReason()).isEqualTo("KafkaUnavailable");
        assertThat(topic.getMessage())
                .contains("knative-broker-broker-no-kafka-default")
                .contains("127.0.0.1:1");
        assertThat(is(broker.getStatus(), "ConfigParsed", Condition.TRUE)).isTrue();
        assertThat(broker.getStatus().getAddress()).isNull();

        // Pointing it at a Kafka that answers recovers it.
        var cm = client.configMaps()
                .inNamespace(ns)
                .withName("kafka-broker-config")
                .get();
        cm.getData().put("bootstrap.servers", servers);
        client.resource(cm).update();
        readyBroker(client, ns, "default");
    }

    private Set<String> groups() throws Exception {
        return Cluster.groups(servers);
    }
}
