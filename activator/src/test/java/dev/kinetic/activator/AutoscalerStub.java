package dev.kinetic.activator;

import dev.kinetic.activator.stats.StatMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The autoscaler's stats endpoint as the activator sees it: a WebSocket server recording every stat and when. */
final class AutoscalerStub implements AutoCloseable {
    /** One stat and the {@link System#nanoTime()} its frame arrived at. */
    record Received(StatMessage stat, long arrivedNanos) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private AutoscalerStub(Vertx vertx, int port) throws Exception {
        server = vertx.createHttpServer(
                        new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .webSocketHandler(ws -> {
                    paths.add(ws.path());
                    ws.textMessageHandler(text -> {
                        long now = System.nanoTime();
                        StatMessage.decode(text).forEach(s -> received.add(new Received(s, now)));
                    });
                })
                .requestHandler(req -> req.response().setStatusCode(404).end());
        server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static AutoscalerStub start(Vertx vertx, int port) throws Exception {
        return new AutoscalerStub(vertx, port);
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "ws://127.0.0.1:" + port() + "/ws";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Stats received for one revision, in arrival order. */
    List<Received> forRevision(String namespace, String revision) {
        return received.stream()
                .filter(r -> r.stat().namespace().equals(namespace)
                        && r.stat().revision().equals(revision))
                .toList();
    }

    /** The request paths of the WebSocket connections made so far. */
    List<String> connections() {
        return List.copyOf(paths);
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
