package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Delivery} and {@link EventSender} against real HTTP servers on loopback. */
class DeliveryIT {
    static Vertx vertx;
    static WebClient client;
    static Delivery delivery;

    static final CloudEvent EVENT = CloudEventBuilder.v1()
            .withId("evt-1")
            .withSource(URI.create("/orders"))
            .withType("order.created")
            .withExtension("region", "eu")
            .withData("application/json", "{\"n\":1}".getBytes(StandardCharsets.UTF_8))
            .build();

    static final Map<String, String> EXTRA = Map.of("Kn-Namespace", "shop");

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = WebClient.create(vertx);
        delivery = new Delivery(vertx, new EventSender(vertx, client));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** What a test server answers: a status, headers and a body; {@code null} never answers. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    /** A request as the server saw it. */
    record Received(long arrivalNanos, MultiMap headers, Buffer body) {
        CloudEvent event() {
            return VertxMessageFactory.createReader(headers, body.length() == 0 ? null : body)
                    .toEvent();
        }
    }

    /** An HTTP server on 127.0.0.1 that records requests and answers the n-th (from 0) as told. */
    static final class Server {
        final List<Received> received = new CopyOnWriteArrayList<>();
        final HttpServer server;

        Server(IntFunction<Answer> answers) throws Exception {
            AtomicInteger count = new AtomicInteger();
            server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        long arrival = System.nanoTime();
                        request.body().onSuccess(body -> {
                            MultiMap headers =
                                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
                            received.add(new Received(arrival, headers, body));
                            Answer answer = answers.apply(count.getAndIncrement());
                            if (answer != null) {
                                answer.headers().forEach(request.response()::putHeader);
                                request.response()
                                        .setStatusCode(answer.status())
                                        .end(answer.body());
                            }
                        });
                    })
                    .listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        String url() {
            return "http://127.0.0.1:" + server.actualPort() + "/";
        }

        long gapMs(int from, int to) {
            return TimeUnit.NANOSECONDS.toMillis(
                    received.get(to).arrivalNanos() - received.get(from).arrivalNanos());
        }
    }

    static EgressConfig config(String deadLetter, int retry, BackoffPolicy policy, long delayMs) {
        return new EgressConfig(deadLetter, retry, policy, delayMs, 0, null, null);
    }

    static DeliveryOutcome deliver(String url, EgressConfig config) throws Exception {
        return delivery.deliver(EVENT, url, config, EXTRA)
                .toCompletionStage()
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
    }

    @Test
    void accepted202WithoutReplyCarriesPreferReplyAndTheExtraHeaders() throws Exception {
        Server subscriber = new Server(n -> Answer.of(202));

        DeliveryOutcome outcome = deliver(subscriber.url(), EgressConfig.NONE);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.reply()).isEmpty();
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.destinationStatus()).hasValue(202);
        assertThat(outcome.lastStatus()).hasValue(202);
        assertThat(outcome.failure()).isNull();
        Received request = subscriber.received.get(0);
        assertThat(request.headers().get("Prefer")).isEqualTo("reply");
        assertThat(request.headers().get("Kn-Namespace")).isEqualTo("shop");
        assertThat(request.headers().get("ce-id")).isEqualTo("evt-1");
        assertThat(request.headers().get("content-type")).isEqualTo("application/json");
        assertThat(request.event().getExtension("region")).isEqualTo("eu");
        assertThat(request.body().toString()).isEqualTo("{\"n\":1}");
    }

    @Test
    void jsonFormatSendsStructuredMode() throws Exception {
        Server subscriber = new Server(n -> Answer.of(202));

        deliver(subscriber.url(), new EgressConfig(null, 0, null, 0, 0, null, "json"));

        Received request = subscriber.received.get(0);
        assertThat(request.headers().get("content-type")).startsWith("application/cloudevents+json");
        assertThat(request.headers().get("ce-id")).isNull();
        assertThat(request.event().getId()).isEqualTo("evt-1");
        assertThat(request.headers().get("Prefer")).isEqualTo("reply");
    }

    @Test
    void a200WithABinaryCloudEventIsTheReply() throws Exception {
        Server subscriber = new Server(n -> new Answer(
                200,
                Map.of(
                        "ce-specversion", "1.0",
                        "ce-id", "reply-1",
                        "ce-source", "/subscriber",
                        "ce-type", "order.checked",
                        "content-type", "text/plain"),
                "fine"));

        DeliveryOutcome outcome = deliver(subscriber.url(), EgressConfig.NONE);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.reply()).hasValueSatisfying(reply -> {
            assertThat(reply.getId()).isEqualTo("reply-1");
            assertThat(reply.getType()).isEqualTo("order.checked");
            assertThat(reply.getData().toBytes()).isEqualTo("fine".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void a200WithAStructuredCloudEventIsTheReply() throws Exception {
        Server subscriber = new Server(n -> new Answer(
                200,
                Map.of("content-type", "application/cloudevents+json"),
                "{\"specversion\":\"1.0\",\"id\":\"reply-2\",\"source\":\"/s\",\"type\":\"order.checked\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"ok\":true}}"));

        DeliveryOutcome outcome = deliver(subscriber.url(), EgressConfig.NONE);

        assertThat(outcome.reply())
                .hasValueSatisfying(reply -> assertThat(reply.getId()).isEqualTo("reply-2"));
    }

    @Test
    void a202WithACloudEventBodyIsNoReply() throws Exception {
        Server subscriber = new Server(n -> new Answer(
                202, Map.of("ce-specversion", "1.0", "ce-id", "r", "ce-source", "/s", "ce-type", "t"), "ignored"));

        DeliveryOutcome outcome = deliver(subscriber.url(), EgressConfig.NONE);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.reply()).isEmpty();
    }

    @Test
    void a200WithAnEmptyBodyIsNoReply() throws Exception {
        Server subscriber = new Server(n -> Answer.of(200));

        DeliveryOutcome outcome = deliver(subscriber.url(), EgressConfig.NONE);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.reply()).isEmpty();
    }

    @Test
    void twice503ThenSuccessRetriesWithLinearBackoff() throws Exception {
        Server subscriber = new Server(n -> n < 2 ? Answer.of(503) : Answer.of(202));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(null, 3, BackoffPolicy.LINEAR, 200));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(subscriber.received).hasSize(3);
        // Linear: 200 ms before the first retry, 400 ms before the second (a little slack for timer granularity).
        assertThat(subscriber.gapMs(0, 1)).isGreaterThanOrEqualTo(180);
        assertThat(subscriber.gapMs(1, 2)).isGreaterThanOrEqualTo(380);
    }

    @Test
    void a400IsNotRetriedAndTheOriginalGoesToTheDeadLetterSinkWithTheErrorExtensions() throws Exception {
        Server subscriber = new Server(n -> new Answer(400, Map.of("kne-reason", "no such order"), "bad order"));
        Server sink = new Server(n -> Answer.of(202));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(sink.url(), 3, BackoffPolicy.LINEAR, 10));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DEAD_LETTERED);
        assertThat(outcome.destinationStatus()).hasValue(400);
        assertThat(outcome.lastStatus()).hasValue(202);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.failure()).contains("400");
        assertThat(subscriber.received).hasSize(1);
        assertThat(sink.received).hasSize(1);
        CloudEvent dead = sink.received.get(0).event();
        assertThat(dead.getId()).isEqualTo("evt-1");
        assertThat(dead.getType()).isEqualTo("order.created");
        assertThat(dead.getExtension("region")).isEqualTo("eu");
        assertThat(dead.getData().toBytes()).isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.getExtension("knativeerrordest")).isEqualTo(subscriber.url());
        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo("400");
        assertThat(dead.getExtension("knativeerrordata"))
                .isEqualTo(Base64.getEncoder().encodeToString("bad order".getBytes(StandardCharsets.UTF_8)));
        assertThat(dead.getExtension("reason")).isEqualTo("no such order");
        assertThat(sink.received.get(0).headers().get("Kn-Namespace")).isEqualTo("shop");
    }

    @Test
    void a200WithABodyThatIsNoCloudEventGoesToTheDeadLetterSink() throws Exception {
        Server subscriber = new Server(n -> new Answer(200, Map.of("content-type", "text/plain"), "thanks"));
        Server sink = new Server(n -> Answer.of(202));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(sink.url(), 2, BackoffPolicy.LINEAR, 10));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DEAD_LETTERED);
        assertThat(subscriber.received).hasSize(1);
        assertThat(sink.received.get(0).event().getExtension("knativeerrorcode"))
                .isEqualTo("200");
    }

    @Test
    void aSubscriberThatNeverAnswersIsRetriedThenDeadLetteredWithoutAnErrorCode() throws Exception {
        Server subscriber = new Server(n -> null);
        Server sink = new Server(n -> Answer.of(202));

        DeliveryOutcome outcome =
                deliver(subscriber.url(), new EgressConfig(sink.url(), 1, BackoffPolicy.LINEAR, 10, 300, null, null));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DEAD_LETTERED);
        assertThat(outcome.destinationStatus()).isEmpty();
        assertThat(outcome.failure()).contains("no response");
        assertThat(subscriber.received).hasSize(2);
        // The second attempt waited for the first to time out.
        assertThat(subscriber.gapMs(0, 1)).isGreaterThanOrEqualTo(290);
        CloudEvent dead = sink.received.get(0).event();
        assertThat(dead.getExtension("knativeerrordest")).isEqualTo(subscriber.url());
        assertThat(dead.getExtensionNames()).doesNotContain("knativeerrorcode", "knativeerrordata");
    }

    @Test
    void retryAfterOn429IsHonouredUpToRetryAfterMax() throws Exception {
        Server subscriber = new Server(n -> n == 0 ? new Answer(429, Map.of("Retry-After", "2"), "") : Answer.of(202));

        DeliveryOutcome outcome =
                deliver(subscriber.url(), new EgressConfig(null, 1, BackoffPolicy.LINEAR, 10, 0, 500L, null));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(subscriber.gapMs(0, 1)).isGreaterThanOrEqualTo(450);
    }

    @Test
    void retryAfterIsIgnoredWithoutRetryAfterMax() throws Exception {
        Server subscriber = new Server(n -> n == 0 ? new Answer(429, Map.of("Retry-After", "2"), "") : Answer.of(202));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(null, 1, BackoffPolicy.LINEAR, 10));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(2);
        // Honoured, it would have waited 2 s; only the 10 ms backoff applies.
        assertThat(subscriber.gapMs(0, 1)).isLessThan(1500);
    }

    @Test
    void aFailingDeadLetterSinkDropsTheEventAfterItsOwnRetries() throws Exception {
        Server subscriber = new Server(n -> Answer.of(400));
        Server sink = new Server(n -> Answer.of(500));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(sink.url(), 1, BackoffPolicy.LINEAR, 10));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DROPPED);
        assertThat(outcome.destinationStatus()).hasValue(400);
        assertThat(outcome.lastStatus()).hasValue(500);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(sink.received).hasSize(2);
        assertThat(outcome.failure()).contains("dead-letter sink");
    }

    @Test
    void withoutADeadLetterSinkExhaustedRetriesDrop() throws Exception {
        Server subscriber = new Server(n -> Answer.of(500));

        DeliveryOutcome outcome = deliver(subscriber.url(), config(null, 2, BackoffPolicy.EXPONENTIAL, 5));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DROPPED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(subscriber.received).hasSize(3);
    }

    @Test
    void anUnreachableDestinationIsNoResponse() throws Exception {
        Server sink = new Server(n -> Answer.of(202));
        // A port that was just free: nothing listens there.
        Server closed = new Server(n -> Answer.of(202));
        String url = closed.url();
        closed.server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        DeliveryOutcome outcome = deliver(url, config(sink.url(), 1, BackoffPolicy.LINEAR, 10));

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DEAD_LETTERED);
        assertThat(outcome.destinationStatus()).isEmpty();
        assertThat(sink.received.get(0).event().getExtensionNames()).doesNotContain("knativeerrorcode");
    }

    @Test
    void anInvalidUrlIsNoResponseNotAnException() throws Exception {
        DeliveryOutcome outcome = deliver("not a url", EgressConfig.NONE);

        assertThat(outcome.kind()).isEqualTo(DeliveryOutcome.Kind.DROPPED);
        assertThat(outcome.destinationStatus()).isEmpty();
    }
}
