package dev.kinetic.eventing.broker.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receiver as a whole: the real Quarkus application, the contract ConfigMap in the Kubernetes test server, the
 * real in-process Kafka broker, real HTTP.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(KafkaTestResource.class)
class ReceiverIT {
    private static final String NS = "kinetic-system";
    private static final String CONTRACT = "kafka-broker-brokers-triggers";
    private static final String TOPIC = "knative-broker-orders-default";
    private static long generation = 100;

    @Inject
    KubernetesClient kubernetes;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL root;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void contract() {
        writeContract(broker("b-default", "orders", "default", TOPIC, bootstrap));
    }

    @Test
    void acceptsBinaryAndStructuredEventsOnlyAfterKafkaAcknowledged() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> binary = post(
                "/orders/default",
                Map.of(
                        "ce-specversion", "1.0",
                        "ce-id", id,
                        "ce-source", "/orders",
                        "ce-type", "order.created",
                        "ce-partitionkey", "customer-7",
                        "ce-comment", "caf%C3%A9 ok",
                        "content-type", "application/json"),
                "{\"total\":3}");
        assertThat(binary.statusCode()).as(binary.body()).isEqualTo(202);
        String structuredId = UUID.randomUUID().toString();
        HttpResponse<String> structured = post(
                "/orders/default/",
                Map.of("content-type", "application/cloudevents+json"),
                "{\"specversion\":\"1.0\",\"id\":\"" + structuredId
                        + "\",\"source\":\"/orders\",\"type\":\"order.paid\",\"data\":{\"x\":1}}");
        assertThat(structured.statusCode()).as(structured.body()).isEqualTo(202);

        Map<String, ConsumerRecord<String, byte[]>> records = readUntil(TOPIC, List.of(id, structuredId));
        ConsumerRecord<String, byte[]> record = records.get(id);
        assertThat(record.key()).as("partitionkey becomes the record key").isEqualTo("customer-7");
        assertThat(header(record, "ce_type")).isEqualTo("order.created");
        assertThat(header(record, "ce_comment")).isEqualTo("café ok");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"total\":3}");
        assertThat(header(records.get(structuredId), "ce_type")).isEqualTo("order.paid");
    }

    @Test
    void unknownBrokersMethodsProbesAndHealth() throws Exception {
        assertThat(post("/orders/nope", validHeaders(), "{}").statusCode()).isEqualTo(404);
        assertThat(post("/", validHeaders(), "{}").statusCode()).isEqualTo(404);
        for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/orders/default"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("allow")).contains("POST");
        }
        HttpResponse<String> probe = send(HttpRequest.newBuilder(uri("/orders/default"))
                .header("K-Network-Probe", "probe")
                .header("K-Network-Hash", "abc")
                .GET());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.headers().firstValue("K-Network-Hash")).contains("abc");
        assertThat(send(HttpRequest.newBuilder(uri("/healthz")).GET()).statusCode())
                .isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/readyz")).GET()).statusCode())
                .isEqualTo(200);

        assertThat(post("/orders/default", validHeaders(), "{}").statusCode()).isEqualTo(202);
        HttpResponse<String> metrics =
                send(HttpRequest.newBuilder(managementUri("/metrics")).GET());
        if (metrics.statusCode() == 404) {
            metrics = send(HttpRequest.newBuilder(managementUri("/q/metrics")).GET());
        }
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .as("unknown brokers and known ones are both counted, under one set of tag keys")
                .containsPattern("kn_eventing_dispatch_latency_seconds_count\\{[^}]*http_response_status_code=\"404\"")
                .containsPattern("kn_eventing_dispatch_latency_seconds_count\\{[^}]*http_response_status_code=\"202\"")
                .containsPattern("kn_eventing_kafka_discarded_events_total\\{[^}]*http_response_status_code=\"405\"");
    }

    static Stream<Arguments> malformed() {
        List<Arguments> rows = new ArrayList<>();
        Map<String, String> valid = validHeaders();
        for (String attribute : List.of("ce-specversion", "ce-id", "ce-source", "ce-type")) {
            rows.add(row("binary without " + attribute, without(valid, attribute), "{}", 400));
            rows.add(row("binary with empty " + attribute, with(valid, attribute, ""), "{}", 400));
        }
        rows.add(row("specversion 0.2", with(valid, "ce-specversion", "0.2"), "{}", 400));
        rows.add(row("specversion 2.0", with(valid, "ce-specversion", "2.0"), "{}", 400));
        rows.add(row("specversion garbage", with(valid, "ce-specversion", "one"), "{}", 400));
        rows.add(row("time not RFC 3339", with(valid, "ce-time", "yesterday"), "{}", 400));
        rows.add(row("time without zone", with(valid, "ce-time", "2026-11-21T10:00:00"), "{}", 400));
        rows.add(row("source not a URI", with(valid, "ce-source", "a b%"), "{}", 400));
        rows.add(row("dataschema not a URI", with(valid, "ce-dataschema", "::not a uri"), "{}", 400));
        rows.add(row("broken percent-encoding", with(valid, "ce-comment", "50%"), "{}", 400));
        rows.add(row("percent-encoding with non-hex", with(valid, "ce-comment", "%zz"), "{}", 400));
        rows.add(row("percent-encoding to invalid UTF-8", with(valid, "ce-comment", "%C3%28"), "{}", 400));
        rows.add(row("ttl used up", with(valid, "ce-knativebrokerttl", "0"), "{}", 400));
        rows.add(row("ttl not a number", with(valid, "ce-knativebrokerttl", "many"), "{}", 400));
        Map<String, String> structured = Map.of("content-type", "application/cloudevents+json");
        rows.add(row("structured: broken JSON", structured, "{\"specversion\":\"1.0\",", 400));
        rows.add(row("structured: not an object", structured, "[1,2]", 400));
        rows.add(row("structured: empty body", structured, "", 400));
        rows.add(row(
                "structured: no id", structured, "{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}", 400));
        rows.add(
                row("structured: no source", structured, "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\"}", 400));
        rows.add(row(
                "structured: no type", structured, "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\"}", 400));
        rows.add(row("structured: no specversion", structured, "{\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}", 400));
        rows.add(row(
                "structured: specversion 9.9",
                structured,
                "{\"specversion\":\"9.9\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}",
                400));
        rows.add(row(
                "structured: bad data_base64",
                structured,
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data_base64\":\"***\"}",
                400));
        rows.add(row(
                "structured: bad time",
                structured,
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"noon\"}",
                400));
        rows.add(row(
                "batch mode",
                Map.of("content-type", "application/cloudevents-batch+json"),
                "[{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}]",
                415));
        rows.add(row("oversized body", valid, "x".repeat(8193), 413));
        rows.add(row("oversized structured body", structured, "{\"data\":\"" + "y".repeat(9000) + "\"}", 413));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("malformed")
    void malformedRequestsGetTheirStatusAndTheReceiverStaysHealthy(
            String name, Map<String, String> headers, String body, int status) throws Exception {
        HttpResponse<String> response = post("/orders/default", headers, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).as("a message says what is wrong").isNotBlank();
        assertThat(send(HttpRequest.newBuilder(uri("/healthz")).GET()).statusCode())
                .isEqualTo(200);
        assertThat(post("/orders/default", validHeaders(), "{}").statusCode()).isEqualTo(202);
    }

    @Test
    void brokersComeAndGoWithTheContractAndA503WhenKafkaCannotTakeTheEvent() throws Exception {
        writeContract(
                broker("b-default", "orders", "default", TOPIC, bootstrap),
                broker("b-other", "orders", "other", "knative-broker-orders-other", bootstrap),
                broker("b-dead", "orders", "dead", "knative-broker-orders-dead", "127.0.0.1:1"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> post("/orders/other", validHeaders(), "{}").statusCode() == 202);
        HttpResponse<String> dead = post("/orders/dead", validHeaders(), "{}");
        assertThat(dead.statusCode()).as(dead.body()).isEqualTo(503);
        assertThat(dead.body()).contains("Kafka");

        writeContract(broker("b-default", "orders", "default", TOPIC, bootstrap));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> post("/orders/other", validHeaders(), "{}").statusCode() == 404);
        assertThat(post("/orders/default", validHeaders(), "{}").statusCode()).isEqualTo(202);
    }

    private static Arguments row(String name, Map<String, String> headers, String body, int status) {
        return Arguments.of(name, headers, body, status);
    }

    private static Map<String, String> validHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", "id-1");
        headers.put("ce-source", "/tests");
        headers.put("ce-type", "test.event");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove(name);
        return copy;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    static Resource broker(String uid, String namespace, String name, String topic, String bootstrapServers) {
        return new Resource(
                uid,
                List.of(topic),
                bootstrapServers,
                new Ingress("/" + namespace + "/" + name, null, Ingress.ContentMode.BINARY),
                EgressConfig.NONE,
                List.of(),
                new Reference(uid, namespace, name, "Broker", "eventing.knative.dev/v1"));
    }

    private void writeContract(Resource... resources) {
        String document = ContractJson.write(new Contract(++generation, List.of(resources)));
        kubernetes
                .configMaps()
                .inNamespace(NS)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(CONTRACT)
                        .withNamespace(NS)
                        .endMetadata()
                        .addToData(ContractJson.DATA_KEY, document)
                        .build())
                .createOr(c -> c.update());
        long expected = generation;
        await().atMost(Duration.ofSeconds(10)).until(() -> generationServed() >= expected);
    }

    /** The contract generation the receiver's readiness check reports, -1 before it reports one. */
    private long generationServed() throws Exception {
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(managementUri("/q/health/ready")).GET());
        for (var check : new ObjectMapper().readTree(health.body()).path("checks")) {
            if ("contract".equals(check.path("name").asText())) {
                return check.path("data").path("generation").asLong(-1);
            }
        }
        return -1;
    }

    private URI managementUri(String path) {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.test-port", Integer.class)
                .orElse(9001);
        return URI.create("http://localhost:" + port + path);
    }

    private Map<String, ConsumerRecord<String, byte[]>> readUntil(String topic, List<String> ids) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, ConsumerRecord<String, byte[]>> found = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = header(record, "ce_id");
                    if (ids.contains(id)) {
                        found.put(id, record);
                    }
                }
                return found.keySet().containsAll(ids);
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return root.toString().endsWith("/")
                ? URI.create(root.toString().substring(0, root.toString().length() - 1) + path)
                : URI.create(root + path);
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
