package dev.kinetic.eventing.broker.receiver;

import dev.kinetic.eventing.core.broker.BrokerTtl;
import dev.kinetic.eventing.core.contract.ContractWatcher;
import dev.kinetic.eventing.core.http.IncomingEvents;
import dev.kinetic.eventing.core.http.ParsedEvent;
import dev.kinetic.eventing.core.kafka.EventProducer;
import dev.kinetic.eventing.core.kafka.KafkaSettings;
import dev.kinetic.eventing.core.kafka.SharedProducers;
import io.cloudevents.CloudEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The receiver's HTTP handling, in Knative's order: {@code /healthz} and {@code /readyz}; any method but POST → 405
 * (a control-plane probe GET with {@code K-Network-Probe} → 200); an unknown {@code /{namespace}/{broker}} → 404; a
 * body over the limit → 413; a request that is not a valid CloudEvent → 400 (415 for batches and unknown formats),
 * with a message naming what is wrong; an event whose {@code knativebrokerttl} is used up → 400; then the event is
 * produced to the broker's topic and the answer is 202 once Kafka has acknowledged it, or 503 when Kafka did not take
 * it (the sender keeps the event and may retry: nothing is acknowledged that is not in Kafka).
 *
 * <p>Everything here runs on the event loop and never blocks it: producing happens on the producer's own thread.
 */
@ApplicationScoped
public class Receiver {
    private static final Logger LOG = System.getLogger(Receiver.class.getName());
    private static final String PROBE_HEADER = "K-Network-Probe";
    private static final String HASH_HEADER = "K-Network-Hash";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ReceiverSettings settings;
    private final KubernetesClient kubernetes;
    private final ReceiverMetrics metrics;
    private final SharedProducers producers;
    private final PendingEvents pending;
    private final IngressTable table;
    private volatile ContractWatcher watcher;

    Receiver(ReceiverSettings settings, KubernetesClient kubernetes, MeterRegistry registry) {
        this.settings = settings;
        this.kubernetes = kubernetes;
        this.metrics = new ReceiverMetrics(registry);
        Map<String, String> overrides = settings.receiver().producer();
        this.producers = new SharedProducers(
                (bootstrap, encoding) -> {
                    Map<String, Object> config = KafkaSettings.producer(bootstrap, encoding, overrides);
                    return new EventProducer(new KafkaProducer<>(config), "receiver", config);
                },
                settings.receiver().drainTimeout());
        this.pending = new PendingEvents(settings.receiver().maxPending());
        this.table = new IngressTable(producers, metrics);
    }

    void start(@Observes StartupEvent event) {
        watcher = ContractWatcher.start(kubernetes, settings.systemNamespace(), settings.contractConfigMap(), table);
        LOG.log(Level.INFO, "watching contract {0}/{1}", settings.systemNamespace(), settings.contractConfigMap());
    }

    void stop(@Observes ShutdownEvent event) {
        ContractWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        producers.close();
    }

    /** Whether the contract has been read, so every known broker is served. */
    boolean ready() {
        ContractWatcher w = watcher;
        return w != null && w.synced();
    }

    /** The contract generation served. */
    long generation() {
        ContractWatcher w = watcher;
        return w == null ? 0 : w.appliedGeneration();
    }

    void routes(@Observes Router router) {
        router.get("/healthz").order(-20).handler(ctx -> ctx.response().end());
        router.get("/readyz").order(-20).handler(ctx -> ctx.response()
                .setStatusCode(ready() ? 200 : 503)
                .end());
        router.route().order(-10).handler(this::admit);
        router.post()
                .order(-9)
                .handler(BodyHandler.create(false)
                        .setBodyLimit(settings.receiver().maxBodyBytes())
                        .setHandleFileUploads(false));
        router.post().order(-8).handler(this::receive).failureHandler(this::failed);
    }

    /** Method and path: 405, probe, 404, else on to the body. */
    private void admit(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.startsWith("/q/") || "/metrics".equals(path)) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST) {
            String probe = ctx.request().getHeader(PROBE_HEADER);
            if (method == HttpMethod.GET && probe != null) {
                HttpServerResponse response = ctx.response();
                String hash = ctx.request().getHeader(HASH_HEADER);
                if (hash != null) {
                    response.putHeader(HASH_HEADER, hash);
                }
                response.end();
                return;
            }
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            answer(ctx, 405, "method " + method.name() + " is not allowed: POST a CloudEvent", start, null);
            return;
        }
        IngressTable.Target target = table.find(path);
        if (target == null) {
            answer(ctx, 404, "no broker at " + path + " (the path is /{namespace}/{broker})", start, null);
            return;
        }
        ctx.put("kinetic.start", start);
        ctx.put("kinetic.target", target);
        ctx.next();
    }

    private void receive(RoutingContext ctx) {
        long start = ctx.get("kinetic.start");
        IngressTable.Target target = ctx.get("kinetic.target");
        Buffer body = ctx.body().buffer();
        ParsedEvent parsed = IncomingEvents.parse(ctx.request().headers(), body == null ? Buffer.buffer() : body);
        if (parsed instanceof ParsedEvent.Invalid invalid) {
            answer(ctx, invalid.status(), invalid.message(), start, target);
            return;
        }
        CloudEvent event = ((ParsedEvent.Valid) parsed).event();
        if (BrokerTtl.check(event) instanceof BrokerTtl.Reject reject) {
            answer(ctx, 400, reject.message(), start, target);
            return;
        }
        if (!pending.tryAcquire()) {
            answer(ctx, 503, "too many events waiting for Kafka (" + pending.limit() + "); retry later", start, target);
            return;
        }
        Context context = ctx.vertx().getOrCreateContext();
        long size =
                (body == null ? 0 : body.length()) + headerBytes(ctx.request().headers());
        target.producer().send(target.topic(), event, size).whenComplete((ok, error) -> {
            pending.release();
            context.runOnContext(v -> {
                if (error == null) {
                    answer(ctx, 202, null, start, target);
                } else {
                    answer(ctx, 503, "Kafka did not take the event: " + rootMessage(error), start, target);
                }
            });
        });
    }

    /** What the request's headers weigh: the event's attributes in binary mode. */
    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length();
        }
        return bytes;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** A failure before {@link #receive}: the body limit (413) or a broken request. */
    private void failed(RoutingContext ctx) {
        Long start = ctx.get("kinetic.start");
        IngressTable.Target target = ctx.get("kinetic.target");
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        String message = status == 413
                ? "the request body is larger than " + settings.receiver().maxBodyBytes() + " bytes"
                : "the request could not be read";
        if (status == 500 && ctx.failure() != null) {
            LOG.log(Level.ERROR, "request failed", ctx.failure());
        }
        answer(ctx, status, message, start == null ? System.nanoTime() : start, target);
    }

    private void answer(RoutingContext ctx, int status, String message, long start, IngressTable.Target target) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status);
        if (message == null) {
            response.end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(message + "\n");
        }
        (target == null ? metrics.unknown() : target.meters()).answered(status, start);
    }
}
