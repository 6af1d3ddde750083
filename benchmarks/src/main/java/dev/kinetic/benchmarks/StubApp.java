package dev.kinetic.benchmarks;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The user container of the end-to-end benchmark: Vert.x core on one event loop, HTTP/1.1 on
 * {@code 127.0.0.1:$PORT} (default 18080), answering every request with {@code hello} and a Content-Length, so that
 * what the benchmark measures is the proxy in front of it, not the app.
 *
 * <p>A request carrying {@code K-Network-Probe: queue} gets 200 {@code queue}, the answer a ready queue-proxy gives
 * to the activator's probe. That lets the activator use this stub directly as a pod (the "activator" variant of
 * {@code run.sh}, with no queue-proxy in between).
 */
public final class StubApp {
    private static final Buffer HELLO = Buffer.buffer("hello");
    private static final Buffer QUEUE = Buffer.buffer("queue");
    private static final CharSequence PROBE_HEADER = HttpHeaders.createOptimized("K-Network-Probe");
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain");
    private static final CharSequence HELLO_LENGTH = HttpHeaders.createOptimized(Integer.toString(HELLO.length()));
    private static final CharSequence QUEUE_LENGTH = HttpHeaders.createOptimized(Integer.toString(QUEUE.length()));

    private StubApp() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : System.getenv().getOrDefault("PORT", "18080"));
        String host = System.getenv().getOrDefault("BIND_ADDRESS", "127.0.0.1");
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(StubApp::handle)
                .listen()
                .onSuccess(server -> System.out.println("stub listening on " + host + ":" + server.actualPort()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    private static void handle(HttpServerRequest request) {
        boolean probe = "queue".equals(request.getHeader(PROBE_HEADER));
        request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
                .putHeader(HttpHeaders.CONTENT_LENGTH, probe ? QUEUE_LENGTH : HELLO_LENGTH)
                .end(probe ? QUEUE : HELLO);
    }
}
