package dev.kinetic.queueproxy;

import dev.kinetic.dataplane.Breaker;
import dev.kinetic.dataplane.ForwardedHeaders;
import dev.kinetic.dataplane.KnativeHeaders;
import dev.kinetic.dataplane.RequestStats;
import dev.kinetic.dataplane.ReverseProxy;
import dev.kinetic.dataplane.Timeouts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue-proxy: the sidecar in front of every revision's user container. Request path: probe answering → stats
 * → breaker (containerConcurrency) → {@link ReverseProxy} to {@code QUEUE_USER_HOST:USER_PORT} with the revision's
 * timeouts. Beside it: the autoscaler stat ({@code :9090}), Prometheus request metrics ({@code :9091}) and the admin
 * port ({@code :8022/wait-for-drain}).
 */
public final class QueueProxy {
    static final String QUEUE_FULL = "pending request queue full";
    static final String TIMEOUT_MESSAGE = "request timeout";
    static final String SHUTTING_DOWN = "shutting down";

    private static final System.Logger LOG = System.getLogger(QueueProxy.class.getName());

    private final QueueConfig config;
    private final Vertx vertx;
    private final ReverseProxy proxy;
    private final Breaker breaker;
    private final RequestStats stats;
    private final RequestMetrics metrics;
    private final Prober prober;
    private final Timeouts timeouts;
    private final SocketAddress user;
    private final long startNanos = System.nanoTime();
    private final List<HttpServer> dataServers = new ArrayList<>();
    private final List<HttpServer> otherServers = new ArrayList<>();
    private final Promise<Void> drained = Promise.promise();

    private volatile Buffer latestStat;
    private volatile boolean draining;
    private volatile long lastRequestNanos = System.nanoTime();
    private final AtomicInteger inFlight = new AtomicInteger();

    private QueueProxy(QueueConfig config) {
        this.config = config;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(config.eventLoops())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setPreferNativeTransport(true));
        int cc = config.containerConcurrency();
        this.proxy = new ReverseProxy(vertx, cc > 0 ? cc : 1000);
        this.breaker = cc > 0 ? Breaker.forContainerConcurrency(cc) : null;
        this.stats = new RequestStats(startNanos);
        this.metrics =
                new RequestMetrics(config.identity(), () -> breaker == null ? inFlight.get() : breaker.pending());
        this.prober = new Prober(vertx, ProbeSpec.parse(config.readinessProbe(), config.userPort(), config.userHost()));
        this.timeouts = Timeouts.ofSeconds(
                config.timeoutSeconds(),
                config.responseStartTimeoutSeconds(),
                config.idleTimeoutSeconds(),
                TIMEOUT_MESSAGE);
        this.user = SocketAddress.inetSocketAddress(config.userPort(), config.userHost());
        this.latestStat = statJson(new RequestStats.Report(0, 0, 0, 0));
    }

    /** Starts every listener; the future completes once all are bound. */
    public static Future<QueueProxy> start(QueueConfig config) {
        QueueProxy qp = new QueueProxy(config);
        return qp.listen().map(qp);
    }

    private Future<Void> listen() {
        HttpServerOptions data = new HttpServerOptions()
                .setHost(config.bindAddress())
                .setTcpNoDelay(true)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setHandle100ContinueAutomatically(true);
        HttpServer serving = vertx.createHttpServer(new HttpServerOptions(data).setPort(config.servingPort()))
                .requestHandler(this::handle);
        HttpServer h2c = vertx.createHttpServer(new HttpServerOptions(data).setPort(config.h2cPort()))
                .requestHandler(this::handle);
        dataServers.add(serving);
        dataServers.add(h2c);
        HttpServerOptions plain = new HttpServerOptions().setHost(config.bindAddress());
        otherServers.add(vertx.createHttpServer(new HttpServerOptions(plain).setPort(config.adminPort()))
                .requestHandler(this::admin));
        otherServers.add(vertx.createHttpServer(new HttpServerOptions(plain).setPort(config.autoscalerMetricsPort()))
                .requestHandler(req -> req.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(latestStat)));
        otherServers.add(vertx.createHttpServer(new HttpServerOptions(plain).setPort(config.userMetricsPort()))
                .requestHandler(req -> req.response()
                        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                        .end(metrics.scrape())));
        vertx.setPeriodic(1000, id -> latestStat = statJson(stats.report(System.nanoTime())));
        List<Future<HttpServer>> all = new ArrayList<>();
        dataServers.forEach(s -> all.add(s.listen()));
        otherServers.forEach(s -> all.add(s.listen()));
        return Future.all(all).mapEmpty();
    }

    private void handle(HttpServerRequest req) {
        req.pause();
        if (KnativeHeaders.isProbe(req)) {
            req.resume();
            probe(req);
            return;
        }
        long arrival = System.nanoTime();
        lastRequestNanos = arrival;
        boolean proxied = KnativeHeaders.ACTIVATOR.equals(req.getHeader(KnativeHeaders.PROXY_REQUEST));
        stats.start(arrival, proxied);
        inFlight.incrementAndGet();
        if (breaker == null) {
            forward(req, arrival, proxied, timeouts);
            return;
        }
        if (breaker.tryAcquire()) {
            forward(req, arrival, proxied, timeouts);
            return;
        }
        new Waiter(req, arrival, proxied).enqueue();
    }

    /**
     * A request that found every slot taken: it waits in the breaker's queue until a slot frees (then it is
     * forwarded on its own event loop, with what is left of its timeouts), its timeout passes (504) or its client
     * leaves. The breaker decides which of those wins: only a waiter it still holds can be cancelled.
     */
    private final class Waiter implements Runnable {
        private final HttpServerRequest req;
        private final long arrival;
        private final boolean proxied;
        private final Context context = vertx.getOrCreateContext();
        private long timer = -1;

        Waiter(HttpServerRequest req, long arrival, boolean proxied) {
            this.req = req;
            this.arrival = arrival;
            this.proxied = proxied;
        }

        void enqueue() {
            if (breaker.acquire(this) == Breaker.Outcome.REJECTED) {
                req.resume();
                req.response().setStatusCode(503).end(QUEUE_FULL);
                finish(req, arrival, proxied);
                return;
            }
            if (config.timeoutSeconds() > 0) {
                timer = vertx.setTimer(config.timeoutSeconds() * 1000, id -> {
                    if (breaker.cancel(this)) {
                        req.resume();
                        req.response().setStatusCode(504).end(TIMEOUT_MESSAGE);
                        finish(req, arrival, proxied);
                    }
                });
            }
            req.response().closeHandler(v -> {
                if (breaker.cancel(this)) {
                    vertx.cancelTimer(timer);
                    finish(req, arrival, proxied);
                }
            });
        }

        /** The breaker gave this request a slot, on whichever thread released it. */
        @Override
        public void run() {
            context.runOnContext(v -> {
                vertx.cancelTimer(timer);
                if (req.response().closed()) {
                    breaker.release();
                    finish(req, arrival, proxied);
                } else {
                    forward(req, arrival, proxied, remaining(arrival));
                }
            });
        }
    }

    /** The revision's timeouts less the time already spent waiting in the breaker's queue. */
    private Timeouts remaining(long arrival) {
        long waitedMs = (System.nanoTime() - arrival) / 1_000_000L;
        if (waitedMs == 0) {
            return timeouts;
        }
        return new Timeouts(
                less(timeouts.totalMillis(), waitedMs),
                less(timeouts.responseStartMillis(), waitedMs),
                timeouts.idleMillis(),
                timeouts.message());
    }

    private static long less(long timeout, long waited) {
        return timeout == 0 ? 0 : Math.max(1, timeout - waited);
    }

    private void forward(HttpServerRequest req, long arrival, boolean proxied, Timeouts t) {
        String peer = req.remoteAddress() == null ? null : req.remoteAddress().hostAddress();
        proxy.forward(req, user, t, headers -> editHeaders(headers, peer), outcome -> {
            if (outcome == ReverseProxy.Outcome.UNREACHABLE && !req.response().ended()) {
                req.response().setStatusCode(502).end("error reverse proxying request: user container unreachable");
            }
            if (breaker != null) {
                breaker.release();
            }
            finish(req, arrival, proxied);
        });
    }

    private static void editHeaders(io.vertx.core.MultiMap headers, String peer) {
        ForwardedHeaders.apply(headers, peer, "http");
        if (!headers.contains("traceparent")) {
            headers.set("traceparent", newTraceparent());
        }
    }

    /** A W3C trace context for a request that came without one, so the app can always correlate its logs. */
    static String newTraceparent() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] c = new char[55];
        c[0] = '0';
        c[1] = '0';
        c[2] = '-';
        hex(r.nextLong(), c, 3);
        hex(r.nextLong() | 1L, c, 19); // an all-zero trace id is invalid
        c[35] = '-';
        hex(r.nextLong() | 1L, c, 36);
        c[52] = '-';
        c[53] = '0';
        c[54] = '0';
        return new String(c);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex(long v, char[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    private void finish(HttpServerRequest req, long arrival, boolean proxied) {
        long now = System.nanoTime();
        stats.end(now, proxied);
        inFlight.decrementAndGet();
        metrics.record(req.response().getStatusCode(), now - arrival);
    }

    /** Health checks: the kubelet's, the activator's and the autoscaler's, answered without touching the breaker. */
    private void probe(HttpServerRequest req) {
        String value = req.getHeader(KnativeHeaders.NETWORK_PROBE);
        if (value != null && !KnativeHeaders.QUEUE.equals(value)) {
            req.response().setStatusCode(400).end("unexpected " + KnativeHeaders.NETWORK_PROBE + " value: " + value);
            return;
        }
        if (draining) {
            req.response().setStatusCode(503).end(SHUTTING_DOWN);
            return;
        }
        prober.check().onComplete(ar -> {
            boolean ready = Boolean.TRUE.equals(ar.result()) && !draining;
            req.response().setStatusCode(ready ? 200 : 503).end(ready ? KnativeHeaders.QUEUE : "not ready");
        });
    }

    private void admin(HttpServerRequest req) {
        if ("/wait-for-drain".equals(req.path())) {
            drain().onComplete(ar -> req.response().end("drained"));
        } else {
            req.response().setStatusCode(404).end("not found: " + req.path());
        }
    }

    /**
     * Starts draining (once; later calls join the first): health checks fail at once, requests keep being served
     * until none has arrived for the drain period, in-flight requests finish (up to the revision timeout), then the
     * data listeners close so new connections are refused. The future completes when all that is done.
     */
    public synchronized Future<Void> drain() {
        if (!draining) {
            draining = true;
            LOG.log(System.Logger.Level.INFO, "draining: waiting for {0}s without requests", config.drainSeconds());
            vertx.runOnContext(v -> waitForQuiet());
        }
        return drained.future();
    }

    private void waitForQuiet() {
        long quietNanos = config.drainSeconds() * 1_000_000_000L;
        long since = System.nanoTime() - lastRequestNanos;
        if (since < quietNanos) {
            vertx.setTimer(Math.max(1, (quietNanos - since) / 1_000_000L), id -> waitForQuiet());
            return;
        }
        long deadline = System.nanoTime() + Math.max(1, config.timeoutSeconds()) * 1_000_000_000L;
        waitForIdle(deadline);
    }

    private void waitForIdle(long deadline) {
        if (inFlight.get() > 0 && System.nanoTime() < deadline) {
            vertx.setTimer(50, id -> waitForIdle(deadline));
            return;
        }
        List<Future<Void>> closing = new ArrayList<>();
        dataServers.forEach(s -> closing.add(s.close()));
        Future.all(closing).onComplete(ar -> drained.tryComplete());
    }

    /** Whether {@link #drain} has been called. */
    public boolean draining() {
        return draining;
    }

    /** Stops everything at once (tests; the process exit after a drain). */
    public Future<Void> close() {
        prober.close();
        proxy.close();
        return vertx.close();
    }

    /** The ports actually bound: serving, h2c, admin, autoscaler metrics, user metrics (port 0 picks free ones). */
    public int[] ports() {
        return new int[] {
            dataServers.get(0).actualPort(),
            dataServers.get(1).actualPort(),
            otherServers.get(0).actualPort(),
            otherServers.get(1).actualPort(),
            otherServers.get(2).actualPort()
        };
    }

    public QueueConfig config() {
        return config;
    }

    /** Knative's Stat fields (pkg/autoscaler/metrics/stat.proto) as JSON. */
    private Buffer statJson(RequestStats.Report r) {
        return new JsonObject()
                .put("podName", config.identity().pod())
                .put("averageConcurrentRequests", r.averageConcurrency())
                .put("averageProxiedConcurrentRequests", r.averageProxiedConcurrency())
                .put("requestCount", r.requestCount())
                .put("proxiedRequestCount", r.proxiedRequestCount())
                .put("processUptime", (System.nanoTime() - startNanos) / 1e9)
                .put("timestamp", System.currentTimeMillis())
                .toBuffer();
    }
}
