package dev.kinetic.activator.discovery;

import dev.kinetic.dataplane.KnativeHeaders;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;

/**
 * Asks a pod's queue-proxy whether it is ready, the way Knative's activator does: {@code GET /healthz} with {@code
 * K-Network-Probe: queue} and the activator's probe user agent; ready means 200 with the body {@code queue}. Anything
 * else, including no answer within the timeout, means not ready. Non-blocking.
 */
public final class PodProber implements Prober, AutoCloseable {
    private final HttpClient client;
    private final long timeoutMillis;

    public PodProber(Vertx vertx, Duration timeout) {
        this.timeoutMillis = Math.max(1, timeout.toMillis());
        // Keep-alive: a pod is probed every PROBE_FREQUENCY, and one connection per pod is cheaper than a handshake
        // each time. Probes to a pod never overlap, so one connection per pod is all that is used.
        this.client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(30)
                        .setTcpNoDelay(true)
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis)),
                new PoolOptions().setHttp1MaxSize(1));
    }

    /** Probes {@code pod}; the future always succeeds, with whether the pod is ready. */
    @Override
    public Future<Boolean> probe(PodAddress pod) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(pod.ip())
                .setPort(pod.port())
                .setURI("/healthz")
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .putHeader(KnativeHeaders.NETWORK_PROBE, KnativeHeaders.QUEUE)
                .putHeader("User-Agent", KnativeHeaders.ACTIVATOR_PROBE_USER_AGENT);
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body()
                        .map(body -> resp.statusCode() == 200
                                && KnativeHeaders.QUEUE.equals(body.toString().trim())))
                .otherwise(false);
    }

    @Override
    public void close() {
        client.close();
    }
}
