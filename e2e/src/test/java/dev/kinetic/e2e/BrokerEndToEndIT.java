package dev.kinetic.e2e;

import static dev.kinetic.testsupport.fixtures.EventingFixtures.broker;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.deadLetter;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.trigger;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.uri;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withAttributesFilter;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withBrokerConfig;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withSubscriber;
import static dev.kinetic.testsupport.fixtures.EventingFixtures.withTriggerDelivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.testsupport.kafka.InProcessKafka;
import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka broker end to end, at least once: the broker controller, receiver and dispatcher run as real processes
 * from this build against the Kubernetes test server and a real Kafka broker; subscribers are real HTTP servers.
 * 20,000 events are POSTed at a Broker with three Triggers (ordered; filtered; a subscriber failing 30 % of the time
 * with 503, with retries and a dead-letter sink) while the dispatcher is killed (SIGKILL) and restarted twice.
 */
@WithKineticApi
class BrokerEndToEndIT {
    private static final String SYSTEM = "kinetic-system";
    private static final String NS = "e2e-events";
    private static final int EVENTS = Integer.getInteger("kinetic.e2e.events", 20_000);
    private static final int KEYS = 64;
    private static final int SENDERS = 16;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Path LOGS = Path.of("target", "e2e-logs");
    private static final Path ROOT = Path.of(System.getProperty("kinetic.root", ".."));

    private static InProcessKafka kafka;
    private static Vertx vertx;
    private static final List<AutoCloseable> parts = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** What a subscriber received: id, partition key, sequence number within the key, headers of interest. */
    record Got(String id, String key, long seq, String type, Map<String, String> extensions) {}

    @BeforeAll
    static void start() {
        kafka = InProcessKafka.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyAcceptedEventReachesEveryMatchingSubscriberAcrossDispatcherKills(KubernetesClient client)
            throws Exception {
        String api = client.getMasterUrl().toString();
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NS)
                        .endMetadata()
                        .build())
                .create();
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kafka-broker-config")
                        .withNamespace(SYSTEM)
                        .endMetadata()
                        .addToData("bootstrap.servers", kafka.bootstrapServers())
                        .addToData("default.topic.partitions", "3")
                        .addToData("default.topic.replication.factor", "1")
                        .build())
                .createOr(c -> c.update());

        Queue<Got> ordered = new ConcurrentLinkedQueue<>();
        Queue<Got> filtered = new ConcurrentLinkedQueue<>();
        Queue<Got> flaky = new ConcurrentLinkedQueue<>();
        Queue<Got> deadLetters = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        String orderedUrl = subscriber(ordered, () -> 202);
        String filteredUrl = subscriber(filtered, () -> 202);
        String flakyUrl = subscriber(flaky, () -> {
            if (ThreadLocalRandom.current().nextDouble() < 0.3) {
                refused.incrementAndGet();
                return 503;
            }
            return 202;
        });
        String deadLetterUrl = subscriber(deadLetters, () -> 202);

        int receiverPort = Platform.freePort();
        client.resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("kinetic-broker-receiver-local")
                        .withNamespace(SYSTEM)
                        .addToLabels("kubernetes.io/service-name", "kinetic-broker-receiver")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addNewEndpoint()
                        .withAddresses("127.0.0.1")
                        .withNewConditions()
                        .withReady(true)
                        .endConditions()
                        .endEndpoint()
                        .addNewPort()
                        .withName("http")
                        .withPort(receiverPort)
                        .withProtocol("TCP")
                        .endPort()
                        .build())
                .create();

        Component controller = start("broker-controller", "controller", api, Platform.freePort(), List.of())
                .component();
        parts.add(controller);
        Component receiver = start("broker-receiver", "receiver", api, receiverPort, List.of())
                .component();
        parts.add(receiver);
        Dispatcher dispatcher = new Dispatcher(api);
        parts.add(dispatcher);

        client.resource(broker(NS, "default", withBrokerConfig("kafka-broker-config", SYSTEM)))
                .create();
        Trigger orderedTrigger = trigger(NS, "ordered", "default", withSubscriber(uri(orderedUrl)));
        orderedTrigger.getMetadata().setAnnotations(Map.of("kafka.eventing.knative.dev/delivery.order", "ordered"));
        client.resource(orderedTrigger).create();
        client.resource(trigger(
                        NS,
                        "filtered",
                        "default",
                        withSubscriber(uri(filteredUrl)),
                        withAttributesFilter(Map.of("type", "e2e.even"))))
                .create();
        DeliverySpec retries = deadLetter(uri(deadLetterUrl));
        retries.setRetry(2);
        retries.setBackoffPolicy(DeliverySpec.BACKOFF_LINEAR);
        retries.setBackoffDelay("PT0.02S");
        client.resource(trigger(NS, "flaky", "default", withSubscriber(uri(flakyUrl)), withTriggerDelivery(retries)))
                .create();

        await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
            Broker b = client.resources(Broker.class)
                    .inNamespace(NS)
                    .withName("default")
                    .get();
            return b != null && b.isReady();
        });
        for (String name : List.of("ordered", "filtered", "flaky")) {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                Trigger t = client.resources(Trigger.class)
                        .inNamespace(NS)
                        .withName(name)
                        .get();
                return t != null && t.isReady();
            });
        }
        dispatcher.awaitTriggers(3);

        // 16 senders, each owning a quarter of the keys' events and sending one key's events one after another,
        // so each key's order in Kafka is its sequence order.
        String target = "http://127.0.0.1:" + receiverPort + "/" + NS + "/default";
        Set<String> accepted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> notAccepted = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long sendStart = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < SENDERS; w++) {
            int worker = w;
            work.add(senders.submit(() -> {
                for (int i = worker; i < EVENTS; i += SENDERS) {
                    int key = i % KEYS;
                    String id = "e-" + i;
                    HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                            .timeout(Duration.ofSeconds(30))
                            .header("ce-specversion", "1.0")
                            .header("ce-id", id)
                            .header("ce-source", "/e2e/sender")
                            .header("ce-type", i % 2 == 0 ? "e2e.even" : "e2e.odd")
                            .header("ce-partitionkey", "key-" + key)
                            .header("ce-seq", Integer.toString(i))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + i + "}"))
                            .build();
                    int status;
                    try {
                        status = HTTP.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                    } catch (java.io.IOException e) {
                        status = -1;
                    }
                    if (status == 202) {
                        accepted.add(id);
                    } else {
                        notAccepted
                                .computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    sent.incrementAndGet();
                }
                return null;
            }));
        }
        // Kill the dispatcher (SIGKILL) at a quarter and at half of the events, and start it again (a restart takes
        // a few seconds, during which the senders go on).
        for (int quarter = 1; quarter <= 2; quarter++) {
            int mark = EVENTS * quarter / 4;
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> sent.get() >= mark);
            int atKill = sent.get();
            dispatcher.killAndRestart();
            System.out.printf(
                    "[e2e-broker] dispatcher killed after %d events sent, running again after %d%n",
                    atKill, sent.get());
        }
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        senders.shutdown();
        long sendMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendStart);

        Set<String> even = new HashSet<>();
        for (String id : accepted) {
            if (Integer.parseInt(id.substring(2)) % 2 == 0) {
                even.add(id);
            }
        }
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ids(ordered).containsAll(accepted)
                        && ids(filtered).containsAll(even)
                        && union(ids(flaky), ids(deadLetters)).containsAll(accepted));
        long doneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendStart);

        System.out.printf(
                "[e2e-broker] %d events sent in %d ms, %d accepted (202), not accepted: %s; all delivered after %d ms%n",
                EVENTS, sendMillis, accepted.size(), notAccepted, doneMillis);
        System.out.printf(
                "[e2e-broker] deliveries (duplicates): ordered %d (%d), filtered %d (%d), flaky %d successes (%d),"
                        + " %d refused with 503, dead-lettered %d (%d)%n",
                ordered.size(),
                ordered.size() - ids(ordered).size(),
                filtered.size(),
                filtered.size() - ids(filtered).size(),
                flaky.size(),
                flaky.size() - ids(flaky).size(),
                refused.get(),
                deadLetters.size(),
                deadLetters.size() - ids(deadLetters).size());

        assertThat(accepted.size())
                .as("the receiver accepted nearly everything")
                .isGreaterThan(EVENTS * 99 / 100);
        assertThat(filtered).as("the filtered trigger gets only even events").allMatch(g -> "e2e.even"
                .equals(g.type()));
        assertOrderPerKey(ordered);
        assertThat(deadLetters)
                .as("dead letters exist (30 %% failures, 3 attempts)")
                .isNotEmpty();
        assertThat(deadLetters).allSatisfy(g -> {
            assertThat(g.extensions()).containsEntry("knativeerrordest", flakyUrl);
            assertThat(g.extensions()).containsEntry("knativeerrorcode", "503");
        });
    }

    /**
     * Per partition key, the first delivery of each event comes in sequence order: redeliveries after a kill may
     * repeat a run of events, but an event is never seen for the first time before an earlier one of its key.
     */
    private static void assertOrderPerKey(Queue<Got> received) {
        Map<String, Long> highest = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int violations = 0;
        for (Got got : received) {
            if (!seen.add(got.id())) {
                continue;
            }
            Long before = highest.get(got.key());
            if (before != null && got.seq() < before) {
                violations++;
            }
            highest.merge(got.key(), got.seq(), Math::max);
        }
        assertThat(violations)
                .as("events seen for the first time out of their key's order")
                .isZero();
    }

    private static Set<String> ids(Queue<Got> received) {
        Set<String> ids = new HashSet<>();
        received.forEach(g -> ids.add(g.id()));
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** A subscriber on one event loop: records each event, answers with the status {@code answer} picks. */
    private static String subscriber(Queue<Got> received, java.util.function.IntSupplier answer) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    int status = answer.getAsInt();
                    if (status < 300) {
                        Map<String, String> extensions = new HashMap<>();
                        request.headers().forEach(h -> {
                            String name = h.getKey().toLowerCase();
                            if (name.startsWith("ce-knativeerror")) {
                                extensions.put(name.substring(3), h.getValue());
                            }
                        });
                        String seq = request.getHeader("ce-seq");
                        received.add(new Got(
                                request.getHeader("ce-id"),
                                request.getHeader("ce-partitionkey"),
                                seq == null ? -1 : Long.parseLong(seq),
                                request.getHeader("ce-type"),
                                extensions));
                    }
                    request.response().setStatusCode(status).end();
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return "http://127.0.0.1:" + server.actualPort() + "/";
    }

    /** A broker application running as a process, and the port of its health and metrics. */
    private record Started(Component component, int management) {}

    private static Started start(String name, String module, String api, int port, List<String> extra)
            throws Exception {
        int management = Platform.freePort();
        List<String> args = new ArrayList<>(List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.port=" + management,
                "-Dquarkus.kubernetes-client.api-server-url=" + api,
                "-Dquarkus.kubernetes-client.trust-certs=true",
                "-Dquarkus.kubernetes-client.devservices.enabled=false",
                "-Xmx256m"));
        args.addAll(extra);
        Component component = Component.start(
                name,
                ROOT.resolve("eventing-broker/" + module + "/target/quarkus-app/quarkus-run.jar"),
                args,
                Map.of(),
                LOGS);
        // The controller has no management interface: its health is on the HTTP port.
        String health = "controller".equals(module)
                ? "http://127.0.0.1:" + port + "/q/health/ready"
                : "http://127.0.0.1:" + management + "/q/health/ready";
        component.awaitReady(health, null, null, STARTUP);
        return new Started(component, management);
    }

    /** The dispatcher process, which the test kills and restarts. */
    private static final class Dispatcher implements AutoCloseable {
        private final String api;
        private int generation;
        private Started process;

        Dispatcher(String api) throws Exception {
            this.api = api;
            launch();
        }

        private void launch() throws Exception {
            process = start(
                    "broker-dispatcher-" + (++generation),
                    "dispatcher",
                    api,
                    Platform.freePort(),
                    // A killed member leaves its group only when its session times out: the broker's minimum.
                    List.of(
                            "-Dkinetic.dispatcher.consumer.\"session.timeout.ms\"=6000",
                            "-Dkinetic.dispatcher.consumer.\"heartbeat.interval.ms\"=1000"));
        }

        void awaitTriggers(int count) {
            Predicate<String> running = body -> body.contains("\"triggers\":" + count);
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(200)).until(() -> {
                HttpResponse<String> health = HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + process.management() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return running.test(health.body().replace(" ", ""));
            });
        }

        void killAndRestart() throws Exception {
            process.component().kill();
            launch();
        }

        @Override
        public void close() throws Exception {
            process.component().close();
        }
    }
}
