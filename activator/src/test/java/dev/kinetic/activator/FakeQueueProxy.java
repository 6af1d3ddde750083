package dev.kinetic.activator;

import dev.kinetic.dataplane.KnativeHeaders;
import dev.kinetic.dataplane.ReverseProxy;
import dev.kinetic.dataplane.Timeouts;
import dev.kinetic.testsupport.app.SampleApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a pod's queue-proxy in front of a {@link SampleApp}: it answers the activator's probe ({@code
 * K-Network-Probe: queue} → 200 {@code queue}, or 503 while {@link #probeHealthy(boolean) unhealthy}) and forwards
 * everything else to the app unchanged, so the app sees exactly what the activator sent.
 */
final class FakeQueueProxy implements AutoCloseable {
    private final SampleApp app;
    private final ReverseProxy proxy;
    private final HttpServer server;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final String ip;

    private FakeQueueProxy(Vertx vertx, String ip, SampleApp app) throws Exception {
        this.ip = ip;
        this.app = app;
        this.proxy = new ReverseProxy(vertx, 100);
        SocketAddress appAddress = SocketAddress.inetSocketAddress(app.port(), "127.0.0.1");
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(ip).setPort(0))
                .requestHandler(req -> handle(req, appAddress));
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A pod at {@code ip} (a loopback address such as 127.0.0.2) on a free port, with its own sample app. */
    static FakeQueueProxy start(Vertx vertx, String ip) throws Exception {
        return new FakeQueueProxy(vertx, ip, SampleApp.start());
    }

    private void handle(HttpServerRequest req, SocketAddress appAddress) {
        req.pause();
        if (KnativeHeaders.QUEUE.equals(req.getHeader(KnativeHeaders.NETWORK_PROBE))) {
            probes.incrementAndGet();
            req.resume();
            boolean ok = healthy.get();
            req.response().setStatusCode(ok ? 200 : 503).end(ok ? KnativeHeaders.QUEUE : "not ready");
            return;
        }
        requests.incrementAndGet();
        proxy.forward(req, appAddress, new Timeouts(0, 0, 0, "queue-proxy timeout"), h -> {}, outcome -> {});
    }

    /** Whether probes pass. */
    FakeQueueProxy probeHealthy(boolean value) {
        healthy.set(value);
        return this;
    }

    SampleApp app() {
        return app;
    }

    String ip() {
        return ip;
    }

    int port() {
        return server.actualPort();
    }

    String address() {
        return ip + ":" + port();
    }

    int probes() {
        return probes.get();
    }

    /** Requests other than probes that reached this pod. */
    int requests() {
        return requests.get();
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        proxy.close();
        app.close();
    }
}
