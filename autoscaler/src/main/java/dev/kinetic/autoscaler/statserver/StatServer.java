package dev.kinetic.autoscaler.statserver;

import dev.kinetic.autoscaler.collect.PodStat;
import dev.kinetic.autoscaler.collect.RevisionKey;
import dev.kinetic.autoscaler.kpa.Deciders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code /ws}: the WebSocket the activators stream their per-revision stats to (a JSON array per frame, or one
 * object for the first request to a revision at zero). Each stat is added to its revision's windows as it arrives,
 * and a revision at zero that gets traffic is decided at once. A malformed frame is logged and counted, and the
 * connection stays open: one bad frame must not cost the other revisions' stats.
 */
@ApplicationScoped
public class StatServer {
    private static final Logger LOG = Logger.getLogger(StatServer.class);
    public static final String PATH = "/ws";

    @Inject
    Deciders deciders;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    void routes(@Observes Router router) {
        router.route(PATH).handler(ctx -> ctx.request()
                .toWebSocket()
                .onSuccess(this::serve)
                .onFailure(e -> {
                    if (!ctx.response().ended()) {
                        ctx.response().setStatusCode(400).end("expected a WebSocket upgrade: " + e.getMessage());
                    }
                }));
        router.get("/healthz").handler(ctx -> ctx.response().end("ok"));
    }

    private void serve(ServerWebSocket ws) {
        ws.textMessageHandler(this::frame);
        ws.exceptionHandler(e -> LOG.debugf("stat connection from %s failed: %s", ws.remoteAddress(), e));
    }

    /** Stats received (valid entries). */
    public long received() {
        return received.get();
    }

    /** Frames or entries rejected as malformed. */
    public long malformed() {
        return malformed.get();
    }

    void frame(String text) {
        Object parsed;
        try {
            parsed = Json.decodeValue(text);
        } catch (DecodeException e) {
            reject("not JSON", text);
            return;
        }
        long now = System.currentTimeMillis();
        if (parsed instanceof JsonArray array) {
            for (Object o : array) {
                entry(o, now, text);
            }
        } else {
            entry(parsed, now, text);
        }
    }

    private void entry(Object o, long now, String text) {
        if (!(o instanceof JsonObject json)) {
            reject("an entry is not an object", text);
            return;
        }
        String namespace = json.getValue("namespace") instanceof String s ? s : null;
        String revision = json.getValue("revision") instanceof String s ? s : null;
        if (namespace == null || namespace.isEmpty() || revision == null || revision.isEmpty()) {
            reject("namespace and revision are required", text);
            return;
        }
        PodStat stat;
        try {
            stat = PodStat.fromActivator(json);
        } catch (IllegalArgumentException e) {
            reject(e.getMessage(), text);
            return;
        }
        RevisionKey key = new RevisionKey(namespace, revision);
        received.incrementAndGet();
        // Keyed by the activator, so that two of its reports bunched into one second average instead of adding up.
        String source = stat.podName().isEmpty() ? "" : "activator/" + stat.podName();
        deciders.record(key, source, now, stat.concurrency(), stat.rps());
        if (stat.averageConcurrency() > 0 || stat.requestsPerSecond() > 0) {
            deciders.poke(key);
        }
    }

    private void reject(String why, String text) {
        malformed.incrementAndGet();
        LOG.warnf("dropped a malformed activator stat (%s): %.200s", why, text);
    }
}
