package dev.kinetic.activator;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A client for the activator under test: every request goes to its port, whatever Host it names. */
final class TestHttp implements AutoCloseable {
    /** What came back. */
    record Reply(int status, String body, MultiMap headers) {}

    private final HttpClient http1;
    private final HttpClient h2c;
    private final int port;
    /**
     * Where every request is made. Vert.x 4.5's client, used from a non-Vert.x thread (a new context per call) with
     * keep-alive, now and then never completes a request (about 1 in 2,000 here); from one context it does not.
     */
    private final Context context;

    TestHttp(Vertx vertx, int port) {
        this.port = port;
        this.context = vertx.getOrCreateContext();
        this.http1 = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(200));
        this.h2c = vertx.createHttpClient(
                new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    /** GET {@code uri} for the revision named by the routing headers. */
    CompletableFuture<Reply> get(String namespace, String revision, String uri) {
        return send(routed(uri, namespace, revision), false);
    }

    /** GET {@code uri} with this Host and no routing headers. */
    CompletableFuture<Reply> getWithHost(String host, String uri) {
        return send(options(uri).setHost(host).setPort(80), false);
    }

    /** GET over HTTP/2 with prior knowledge (h2c), routing headers in lower case as HTTP/2 has them. */
    CompletableFuture<Reply> getH2c(String namespace, String revision, String uri) {
        return send(routed(uri, namespace, revision), true);
    }

    private RequestOptions routed(String uri, String namespace, String revision) {
        return options(uri)
                .putHeader("knative-serving-namespace", namespace)
                .putHeader("knative-serving-revision", revision);
    }

    CompletableFuture<Reply> send(RequestOptions options, boolean h2) {
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        context.runOnContext(v -> (h2 ? h2c : http1)
                .request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body.toString(), resp.headers())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        reply.complete(ar.result());
                    } else {
                        reply.completeExceptionally(ar.cause());
                    }
                }));
        return reply;
    }

    RequestOptions options(String uri) {
        return new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(uri);
    }

    static Reply await(CompletableFuture<Reply> reply) throws Exception {
        return reply.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        http1.close();
        h2c.close();
    }
}
