package dev.kinetic.autoscaler;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * What the autoscaler talks to, played by small real servers on loopback addresses: a queue-proxy's stat port
 * ({@code <ip>:9090}) serving a concurrency the test sets, and an activator ({@code <ip>:8012}) answering the
 * {@code K-Network-Probe: activator} probe.
 */
public final class StandIns implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final List<HttpServer> servers = new ArrayList<>();

    /** A queue-proxy stat endpoint on {@code ip:9090} reporting {@code concurrency} (read on every scrape). */
    public void queueProxyStat(String ip, String podName, DoubleSupplier concurrency, double uptimeSeconds) {
        listen(ip, 9090, vertx.createHttpServer(new HttpServerOptions()).requestHandler(req -> {
            double c = concurrency.getAsDouble();
            req.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject()
                            .put("podName", podName)
                            .put("averageConcurrentRequests", c)
                            .put("averageProxiedConcurrentRequests", 0.0)
                            .put("requestCount", c)
                            .put("proxiedRequestCount", 0.0)
                            .put("processUptime", uptimeSeconds)
                            .put("timestamp", System.currentTimeMillis())
                            .encode());
        }));
    }

    /** An activator on {@code ip:8012} answering its probe. */
    public void activator(String ip) {
        listen(ip, 8012, vertx.createHttpServer(new HttpServerOptions()).requestHandler(req -> {
            if ("activator".equals(req.getHeader("K-Network-Probe"))) {
                req.response().end("activator");
            } else {
                req.response().setStatusCode(404).end();
            }
        }));
    }

    public Vertx vertx() {
        return vertx;
    }

    private void listen(String ip, int port, HttpServer server) {
        try {
            servers.add(server.listen(port, ip)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + ip + ":" + port, e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
