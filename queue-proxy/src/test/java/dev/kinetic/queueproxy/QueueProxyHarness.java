package dev.kinetic.queueproxy;

import dev.kinetic.testsupport.app.SampleApp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A sample app behind a real queue-proxy on free loopback ports, and an HTTP client to talk to them. */
final class QueueProxyHarness implements AutoCloseable {
    /** A whole response: status, headers and body. */
    record Response(int status, MultiMap headers, String body) {}

    final SampleApp app;
    final QueueProxy qp;
    final Vertx clientVertx = Vertx.vertx();
    final Context context = clientVertx.getOrCreateContext();
    final HttpClient http1;
    final HttpClient h2c;

    private QueueProxyHarness(SampleApp app, QueueProxy qp) {
        this.app = app;
        this.qp = qp;
        HttpClientOptions options = new HttpClientOptions().setDefaultHost("127.0.0.1");
        this.http1 = clientVertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(200));
        this.h2c = clientVertx.createHttpClient(new HttpClientOptions(options)
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    /** Starts the app and a queue-proxy in front of it with {@code env} over the test defaults. */
    static QueueProxyHarness start(Map<String, String> env) {
        return start(SampleApp.start(), env);
    }

    /** A queue-proxy in front of {@code app}, which the harness closes, with {@code env} over the test defaults. */
    static QueueProxyHarness start(SampleApp app, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of(
                "QUEUE_BIND_ADDRESS", "127.0.0.1",
                "QUEUE_SERVING_PORT", "0",
                "QUEUE_H2C_PORT", "0",
                "QUEUE_ADMIN_PORT", "0",
                "QUEUE_AUTOSCALER_METRICS_PORT", "0",
                "QUEUE_USER_METRICS_PORT", "0",
                "USER_PORT", Integer.toString(app.port()),
                "SERVING_POD", "hello-00001-deployment-abc",
                "SERVING_REVISION", "hello-00001",
                "SERVING_NAMESPACE", "default"));
        all.putAll(env);
        QueueProxy qp = await(QueueProxy.start(QueueConfig.fromEnv(all)));
        return new QueueProxyHarness(app, qp);
    }

    int servingPort() {
        return qp.ports()[0];
    }

    int h2cPort() {
        return qp.ports()[1];
    }

    int adminPort() {
        return qp.ports()[2];
    }

    int statsPort() {
        return qp.ports()[3];
    }

    int metricsPort() {
        return qp.ports()[4];
    }

    /** Sends a request and collects the whole response (does not wait). */
    Future<Response> send(HttpClient client, int port, HttpMethod method, String uri, Map<String, String> headers) {
        RequestOptions o = new RequestOptions().setPort(port).setMethod(method).setURI(uri);
        headers.forEach(o::putHeader);
        return onContext(() -> client.request(o).compose(req -> req.send()).compose(resp -> resp.body()
                .map(b -> new Response(resp.statusCode(), resp.headers(), b.toString()))));
    }

    /**
     * Runs client calls on one Vert.x context rather than on JUnit's threads: Vert.x 4.5's client, driven from
     * outside its event loop with keep-alive, was seen to leave about one request in 2,000 without an answer.
     */
    <T> Future<T> onContext(Supplier<Future<T>> call) {
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> call.get().onComplete(promise));
        return promise.future();
    }

    Future<Response> get(String uri, Map<String, String> headers) {
        return send(http1, servingPort(), HttpMethod.GET, uri, headers);
    }

    Response getNow(String uri) {
        return await(get(uri, Map.of()));
    }

    Response getNow(int port, String uri, Map<String, String> headers) {
        return await(send(http1, port, HttpMethod.GET, uri, headers));
    }

    Future<Response> post(String uri, Buffer body) {
        RequestOptions o = new RequestOptions()
                .setPort(servingPort())
                .setMethod(HttpMethod.POST)
                .setURI(uri);
        return onContext(() -> http1.request(o).compose(req -> req.send(body)).compose(resp -> resp.body()
                .map(b -> new Response(resp.statusCode(), resp.headers(), b.toString()))));
    }

    static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        await(qp.close());
        await(clientVertx.close());
        app.close();
    }
}
