package dev.kinetic.eventing.broker.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.eventing.core.broker.BrokerTtl;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher application against the real in-process Kafka, the contract in the Kubernetes test server, and
 * real HTTP subscribers on loopback: filters, replies produced back to the broker topic, the TTL stopping a reply
 * loop, dead-lettering with the error extensions.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KafkaTestResource.class)
class DispatcherIT {
    private static final String NS = "kinetic-system";
    private static long generation = 1000;

    @Inject
    KubernetesClient kubernetes;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        writeContract();
        servers.forEach(s -> s.close().toCompletionStage().toCompletableFuture().join());
        servers.clear();
    }

    /** A subscriber that records what it gets and answers as {@code answer} says. */
    record Subscriber(String url, List<Received> received) {}

    /** One request a subscriber got. */
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private Subscriber subscriber(Consumer<HttpServerRequest> answer) {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    Map<String, String> headers = new java.util.HashMap<>();
                    request.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
                    received.add(new Received(headers, body.toString(StandardCharsets.UTF_8)));
                    answer.accept(request);
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        servers.add(server);
        return new Subscriber("http://127.0.0.1:" + server.actualPort() + "/", received);
    }

    @Test
    void repliesReachOtherTriggersAndAReplyLoopStopsAtTheTtl() throws Exception {
        String topic = "knative-broker-replies-" + UUID.randomUUID();
        Subscriber replier = subscriber(request -> request.response()
                .setStatusCode(200)
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", "pong-" + request.getHeader("ce-id"))
                .putHeader("ce-source", "/replier")
                .putHeader("ce-type", "pong")
                .putHeader("content-type", "text/plain")
                .end("pong"));
        Subscriber collector =
                subscriber(request -> request.response().setStatusCode(202).end());
        Subscriber looper = subscriber(request -> request.response()
                .setStatusCode(200)
                .putHeader("ce-specversion", "1.0")
                .putHeader("ce-id", UUID.randomUUID().toString())
                .putHeader("ce-source", "/looper")
                .putHeader("ce-type", "loop")
                .end());
        Resource broker = broker(
                "b-replies",
                topic,
                trigger("t-replier", replier.url(), Map.of("type", "ping")),
                trigger("t-collector", collector.url(), Map.of("type", "pong")),
                trigger("t-looper", looper.url(), Map.of("type", "loop")));
        writeContract(broker);

        produce(topic, event("ping-1", "ping").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> !collector.received().isEmpty());
        Received pong = collector.received().get(0);
        assertThat(pong.header("ce-id")).isEqualTo("pong-ping-1");
        assertThat(pong.header("ce-type")).isEqualTo("pong");
        assertThat(pong.header("ce-" + BrokerTtl.EXTENSION))
                .as("the TTL is stripped")
                .isNull();
        assertThat(pong.body()).isEqualTo("pong");
        assertThat(pong.header("prefer")).isEqualTo("reply");
        assertThat(replier.received()).hasSize(1);

        produce(
                topic,
                event("loop-1", "loop").withExtension(BrokerTtl.EXTENSION, 5).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> looper.received().size() >= 5);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> looper.received().size() == 5);
        assertThat(collector.received()).hasSize(1);
        assertThat(metrics())
                .as("the reply dropped at the end of the loop is counted")
                .containsPattern(
                        "kn_eventing_broker_ttl_exhausted_total\\{[^}]*kn_trigger_name=\"t-looper\"[^}]*\\} 1\\.0")
                .containsPattern(
                        "http_events_sent_total\\{[^}]*kn_trigger_name=\"t-looper\"[^}]*outcome=\"delivered\"[^}]*\\} 5\\.0")
                .containsPattern("kn_eventing_kafka_consumer_lag\\{[^}]*kn_trigger_name=\"t-collector\"");

        // A Trigger added to the contract starts; the running ones are not restarted: a restart would remove their
        // meters and start them again from nothing.
        Subscriber extra =
                subscriber(request -> request.response().setStatusCode(202).end());
        List<Egress> egresses = new ArrayList<>(broker.egresses());
        egresses.add(trigger("t-extra", extra.url(), Map.of("type", "extra")));
        writeContract(new Resource(
                broker.uid(),
                broker.topics(),
                broker.bootstrapServers(),
                broker.ingress(),
                broker.egressConfig(),
                egresses,
                broker.reference()));
        produce(topic, event("extra-1", "extra").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> !extra.received().isEmpty());
        assertThat(metrics())
                .as("the looper's meters survived the new Trigger")
                .containsPattern(
                        "http_events_sent_total\\{[^}]*kn_trigger_name=\"t-looper\"[^}]*outcome=\"delivered\"[^}]*\\} 5\\.0");
        assertThat(looper.received()).hasSize(5);
    }

    @Test
    void failedDeliveriesAreDeadLetteredWithTheErrorExtensions() throws Exception {
        String topic = "knative-broker-dls-" + UUID.randomUUID();
        Subscriber refusing = subscriber(request -> request.response()
                .setStatusCode(400)
                .putHeader("kne-reason", "no-such-order")
                .end("unknown order"));
        Subscriber deadLetters =
                subscriber(request -> request.response().setStatusCode(202).end());
        EgressConfig delivery =
                new EgressConfig(deadLetters.url(), 3, EgressConfig.BackoffPolicy.LINEAR, 10, 5_000, null, null);
        Egress trigger = trigger("t-refused", refusing.url(), Map.of());
        trigger = new Egress(
                trigger.uid(),
                trigger.consumerGroup(),
                trigger.destination(),
                trigger.replyStrategy(),
                null,
                trigger.filterAttributes(),
                trigger.filters(),
                delivery,
                trigger.deliveryOrder(),
                trigger.reference());
        writeContract(broker("b-dls", topic, trigger));

        produce(topic, event("order-9", "order.created").build());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !deadLetters.received().isEmpty());
        assertThat(refusing.received()).as("400 is not retried").hasSize(1);
        Received dead = deadLetters.received().get(0);
        assertThat(dead.header("ce-id")).isEqualTo("order-9");
        assertThat(dead.header("ce-knativeerrordest")).isEqualTo(refusing.url());
        assertThat(dead.header("ce-knativeerrorcode")).isEqualTo("400");
        assertThat(new String(
                        java.util.Base64.getDecoder().decode(dead.header("ce-knativeerrordata")),
                        StandardCharsets.UTF_8))
                .isEqualTo("unknown order");
        assertThat(dead.header("ce-reason")).isEqualTo("no-such-order");
        assertThat(metrics())
                .containsPattern(
                        "http_events_sent_total\\{[^}]*http_response_status_code=\"400\"[^}]*kn_trigger_name=\"t-refused\"[^}]*outcome=\"dead_lettered\"[^}]*\\} 1\\.0")
                .containsPattern(
                        "kn_eventing_dispatch_latency_seconds_count\\{[^}]*http_response_status_code=\"400\"[^}]*kn_trigger_name=\"t-refused\"");
    }

    /** The dispatcher's Prometheus metrics, from the management port (Quarkus' test port for it). */
    private static String metrics() throws Exception {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
        java.net.http.HttpResponse<String> response = client.send(
                java.net.http.HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static CloudEventBuilder event(String id, String type) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/tests"))
                .withType(type)
                .withData("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    }

    private void produce(String topic, CloudEvent event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        try (KafkaProducer<String, CloudEvent> producer =
                new KafkaProducer<>(props, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(topic, event)).get();
        }
    }

    private Resource broker(String uid, String topic, Egress... egresses) {
        return new Resource(
                uid,
                List.of(topic),
                bootstrap,
                new Ingress("/tests/" + uid, null, Ingress.ContentMode.BINARY),
                EgressConfig.NONE,
                List.of(egresses),
                new Reference(uid, "tests", uid, "Broker", "eventing.knative.dev/v1"));
    }

    private static Egress trigger(String uid, String destination, Map<String, String> filter) {
        return new Egress(
                uid + "-" + UUID.randomUUID(),
                "knative-trigger-tests-" + uid + "-" + UUID.randomUUID(),
                destination,
                Egress.ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC,
                null,
                filter,
                List.of(),
                null,
                Egress.DeliveryOrder.UNORDERED,
                new Reference(uid, "tests", uid, "Trigger", "eventing.knative.dev/v1"));
    }

    private void writeContract(Resource... resources) {
        String document = ContractJson.write(new Contract(++generation, List.of(resources)));
        kubernetes
                .configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kafka-broker-brokers-triggers")
                        .withNamespace(NS)
                        .endMetadata()
                        .addToData(ContractJson.DATA_KEY, document)
                        .build())
                .createOr(c -> c.update());
    }
}
