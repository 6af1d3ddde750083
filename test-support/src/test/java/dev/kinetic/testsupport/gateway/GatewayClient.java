package dev.kinetic.testsupport.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Sends requests to the gateway with any {@code Host}, which the JDK's client does not allow. */
final class GatewayClient implements AutoCloseable {
    /** A whole response. */
    record Response(int status, MultiMap headers, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private final Vertx vertx = Vertx.vertx();
    // Calls run on one context: Vert.x's client driven from outside its event loop can lose an answer now and then.
    private final Context context = vertx.getOrCreateContext();
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    private final TestGateway gateway;

    GatewayClient(TestGateway gateway) {
        this.gateway = gateway;
    }

    Response get(String host, String uri) {
        return send(HttpMethod.GET, host, uri, Map.of(), null);
    }

    Response send(HttpMethod method, String host, String uri, Map<String, String> headers, Buffer body) {
        RequestOptions o = new RequestOptions()
                .setHost(gateway.host())
                .setPort(gateway.port())
                .setMethod(method)
                .setURI(uri)
                .putHeader("Host", host);
        headers.forEach(o::putHeader);
        Promise<Response> done = Promise.promise();
        context.runOnContext(v -> http.request(o)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), resp.headers(), b.toString())))
                .onComplete(done));
        return await(done.future());
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
