package dev.kinetic.testsupport.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small user container for data-plane tests, served over real sockets (HTTP/1.1, h2c and websockets on one port).
 * It records what a test needs to assert on: the most requests it ever had in flight at once, how many it served,
 * and the headers and protocol each request arrived with.
 *
 * <ul>
 *   <li>{@code GET /} answers {@code hello}; {@code ?sleep=MS} waits that long first.
 *   <li>{@code GET /stream?chunks=N&interval=MS} sends the status and a first chunk at once, then a chunk every
 *       interval: a response that starts at once and streams.
 *   <li>{@code GET /headers} answers a JSON object: {@code protocol}, {@code host} and every request header.
 *   <li>{@code POST /echo} streams the request body back.
 *   <li>{@code GET /trailers} answers a body followed by the trailer {@code grpc-status: 0}, as gRPC servers do.
 *   <li>{@code GET /healthz} answers 200 while {@link #ready(boolean) ready}, 503 otherwise.
 *   <li>A websocket upgrade on any path echoes every frame.
 * </ul>
 */
public final class SampleApp implements AutoCloseable {
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final HttpServer server;
    private final String host;
    private final Promise<SampleApp> listening = Promise.promise();
    private volatile long startTimer = -1;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private volatile String lastProtocol = "";

    private SampleApp(Vertx vertx, boolean ownsVertx, String host, int port) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.host = host;
        this.server = vertx.createHttpServer(
                        new HttpServerOptions().setHost(host).setPort(port))
                .webSocketHandler(this::echo)
                .requestHandler(this::handle);
    }

    /** Starts the app on {@code host:port} (port 0 picks a free one) with a Vert.x instance of its own. */
    public static SampleApp start(String host, int port) {
        SampleApp app = new SampleApp(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2)), true, host, port);
        app.listenAfter(Duration.ZERO);
        try {
            await(app.started().toCompletionStage().toCompletableFuture());
            return app;
        } catch (RuntimeException e) {
            app.closeAsync();
            throw e;
        }
    }

    /** Starts the app on 127.0.0.1 and a free port. */
    public static SampleApp start() {
        return start("127.0.0.1", 0);
    }

    /**
     * An app that starts listening on {@code host:port} only after {@code startDelay}, as a container with a slow
     * start does (a cold start), on a Vert.x instance the caller owns and closes. Returns at once, without waiting:
     * {@link #started()} says when it listens, and {@link #close()} before then means it never will.
     */
    public static SampleApp starting(Vertx vertx, String host, int port, Duration startDelay) {
        SampleApp app = new SampleApp(vertx, false, host, port);
        app.listenAfter(startDelay);
        return app;
    }

    private void listenAfter(Duration delay) {
        long millis = delay.toMillis();
        if (millis <= 0) {
            listen();
            return;
        }
        startTimer = vertx.setTimer(millis, id -> {
            startTimer = -1;
            listen();
        });
    }

    private void listen() {
        server.listen().onComplete(ar -> {
            if (ar.succeeded()) {
                listening.tryComplete(this);
            } else {
                listening.tryFail(ar.cause());
            }
        });
    }

    /** Completes once the app listens; fails if it could not bind or was closed first. */
    public Future<SampleApp> started() {
        return listening.future();
    }

    /** The address the app listens (or will listen) on. */
    public String host() {
        return host;
    }

    /** The port the app listens on; 0 until it does. */
    public int port() {
        return server.actualPort();
    }

    /** The most requests that were ever in flight at once (websockets not counted). */
    public int maxConcurrency() {
        return maxInFlight.get();
    }

    /** Requests in flight now. */
    public int concurrency() {
        return inFlight.get();
    }

    /** Requests answered or started so far (health checks not counted). */
    public long served() {
        return served.get();
    }

    /** Headers of the most recent request, names in lower case. */
    public Map<String, String> lastHeaders() {
        return Map.copyOf(lastHeaders);
    }

    /** HTTP version of the most recent request, e.g. {@code HTTP_1_1} or {@code HTTP_2}. */
    public String lastProtocol() {
        return lastProtocol;
    }

    /** Sets whether {@code /healthz} passes. */
    public SampleApp ready(boolean value) {
        ready.set(value);
        return this;
    }

    /** Forgets the recorded maximum concurrency and count. */
    public void resetCounters() {
        maxInFlight.set(inFlight.get());
        served.set(0);
    }

    private void handle(HttpServerRequest req) {
        if ("/healthz".equals(req.path())) {
            req.response().setStatusCode(ready.get() ? 200 : 503).end(ready.get() ? "ok" : "not ready");
            return;
        }
        served.incrementAndGet();
        lastProtocol = req.version().name();
        lastHeaders.clear();
        req.headers().forEach(h -> lastHeaders.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "," + b));
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        req.response().endHandler(v -> inFlight.decrementAndGet());
        req.response().closeHandler(v -> {
            if (!req.response().ended()) {
                inFlight.decrementAndGet();
            }
        });
        switch (req.path()) {
            case "/stream" -> stream(req);
            case "/headers" -> headers(req);
            case "/echo" -> req.response().setChunked(true).send(req);
            case "/trailers" -> {
                // What a gRPC server does: the status travels in trailers after the body.
                req.response().setChunked(true).putHeader("trailer", "grpc-status");
                req.response().write("message");
                req.response().trailers().add("grpc-status", "0");
                req.response().end();
            }
            default -> after(param(req, "sleep", 0), () -> req.response().end("hello"));
        }
    }

    private void stream(HttpServerRequest req) {
        int chunks = param(req, "chunks", 3);
        long interval = param(req, "interval", 100);
        req.response().setChunked(true).putHeader("content-type", "text/plain");
        req.response().write("chunk 0\n");
        AtomicInteger sent = new AtomicInteger(1);
        if (chunks <= 1) {
            req.response().end();
            return;
        }
        vertx.setPeriodic(interval, id -> {
            if (req.response().closed()) {
                vertx.cancelTimer(id);
                return;
            }
            int n = sent.getAndIncrement();
            req.response().write("chunk " + n + "\n");
            if (n + 1 >= chunks) {
                vertx.cancelTimer(id);
                req.response().end();
            }
        });
    }

    private void headers(HttpServerRequest req) {
        JsonObject body = new JsonObject()
                .put("protocol", req.version().name())
                .put("host", req.host())
                .put("method", req.method().name());
        req.headers().forEach(h -> body.put(h.getKey().toLowerCase(), h.getValue()));
        req.response().putHeader("content-type", "application/json").end(body.encode());
    }

    private void echo(ServerWebSocket ws) {
        ws.frameHandler(frame -> {
            if (frame.isText()) {
                ws.writeTextMessage(frame.textData());
            } else if (frame.isBinary()) {
                ws.writeBinaryMessage(Buffer.buffer(frame.binaryData().getBytes()));
            }
        });
    }

    private void after(long millis, Runnable action) {
        if (millis <= 0) {
            action.run();
        } else {
            vertx.setTimer(millis, id -> action.run());
        }
    }

    private static int param(HttpServerRequest req, String name, int fallback) {
        String v = req.getParam(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    @Override
    public void close() {
        await(closeAsync().toCompletionStage().toCompletableFuture());
    }

    /** Stops listening (or cancels a start still waiting for its delay); does not block. */
    public Future<Void> closeAsync() {
        long timer = startTimer;
        if (timer >= 0 && vertx.cancelTimer(timer)) {
            listening.tryFail("closed before it started listening");
        }
        if (!ownsVertx) {
            return server.close();
        }
        // Vert.x is closed from a thread of its own: a future created on one of its event loops would report back
        // to that event loop, which is gone by then, and never complete. This promise has no context.
        Promise<Void> closed = Promise.promise();
        server.close().onComplete(ar -> ForkJoinPool.commonPool()
                .execute(() -> vertx.close().onComplete(closed)));
        return closed.future();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("sample app did not start or stop in time", e);
        }
    }

    /**
     * Runs the app as a process of its own, configured like a container: {@code PORT} (default 8080; a first
     * argument overrides it), {@code BIND_ADDRESS} (default {@code 0.0.0.0}) and {@code START_DELAY_MS} (default 0),
     * a wait before listening that models a slow start. On SIGTERM it stops listening and exits.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        int port = args.length > 0 ? Integer.parseInt(args[0]) : Integer.parseInt(env.getOrDefault("PORT", "8080"));
        String bind = env.getOrDefault("BIND_ADDRESS", "0.0.0.0");
        long delay = Long.parseLong(env.getOrDefault("START_DELAY_MS", "0"));
        if (delay > 0) {
            System.out.println("sample app starting in " + delay + " ms");
            Thread.sleep(delay);
        }
        SampleApp app = start(bind, port);
        System.out.println("sample app listening on " + bind + ":" + app.port());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("sample app stopping");
                            app.close();
                        },
                        "sample-app-stop"));
    }
}
