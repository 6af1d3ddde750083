package dev.kinetic.queueproxy;

import dev.kinetic.dataplane.KnativeHeaders;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the user container's readiness probe(s) the way Knative's queue-proxy does: an aggressive probe (period 0)
 * polls every 50 ms, 100 ms per attempt, until {@code successThreshold} consecutive passes or 10 s; any other probe
 * is one attempt with its own timeout (the kubelet applies thresholds to the queue-proxy's probe, which carries the
 * user's timing). All probes must pass. Checks asked for while one runs share its result.
 */
final class Prober {
    static final long AGGRESSIVE_INTERVAL_MS = 50;
    static final long AGGRESSIVE_ATTEMPT_TIMEOUT_MS = 100;
    static final long AGGRESSIVE_DEADLINE_MS = 10_000;
    static final String USER_AGENT = KnativeHeaders.KUBE_PROBE_USER_AGENT_PREFIX + "kinetic-queue-proxy";

    private final Vertx vertx;
    private final List<ProbeSpec> probes;
    private final HttpClient http;
    private final HttpClient https;
    private final NetClient tcp;
    private Future<Boolean> running;

    Prober(Vertx vertx, List<ProbeSpec> probes) {
        this.vertx = vertx;
        this.probes = probes;
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setMaxPoolSize(4);
        this.http = vertx.createHttpClient(options);
        this.https = vertx.createHttpClient(
                new HttpClientOptions(options).setSsl(true).setTrustAll(true).setVerifyHost(false));
        this.tcp = vertx.createNetClient(new NetClientOptions());
    }

    /** Whether the user container is ready now. Call on the queue-proxy's event loop. */
    Future<Boolean> check() {
        if (running != null) {
            return running;
        }
        List<Future<Boolean>> all = new ArrayList<>(probes.size());
        for (ProbeSpec p : probes) {
            all.add(p.aggressive() ? poll(p) : attempt(p, p.timeoutSeconds() * 1000L));
        }
        Future<Boolean> result = Future.all(all).map(cf -> {
            for (int i = 0; i < cf.size(); i++) {
                if (!Boolean.TRUE.equals(cf.resultAt(i))) {
                    return false;
                }
            }
            return true;
        });
        running = result;
        result.onComplete(ar -> running = null);
        return result;
    }

    private Future<Boolean> poll(ProbeSpec p) {
        Promise<Boolean> promise = Promise.promise();
        long deadline = System.nanoTime() + AGGRESSIVE_DEADLINE_MS * 1_000_000L;
        pollOnce(p, deadline, 0, promise);
        return promise.future();
    }

    private void pollOnce(ProbeSpec p, long deadline, int passes, Promise<Boolean> promise) {
        attempt(p, AGGRESSIVE_ATTEMPT_TIMEOUT_MS).onComplete(ar -> {
            int streak = Boolean.TRUE.equals(ar.result()) ? passes + 1 : 0;
            if (streak >= p.successThreshold()) {
                promise.complete(true);
            } else if (System.nanoTime() + AGGRESSIVE_INTERVAL_MS * 1_000_000L > deadline) {
                promise.complete(false);
            } else {
                vertx.setTimer(AGGRESSIVE_INTERVAL_MS, id -> pollOnce(p, deadline, streak, promise));
            }
        });
    }

    /** One attempt; never fails, answers false instead. */
    private Future<Boolean> attempt(ProbeSpec p, long timeoutMs) {
        if (p.kind() == ProbeSpec.Kind.TCP) {
            return withTimeout(
                    tcp.connect(p.port(), p.host())
                            .map(socket -> {
                                socket.close();
                                return true;
                            })
                            .otherwise(false),
                    timeoutMs);
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(p.host())
                .setPort(p.port())
                .setURI(p.path())
                .setConnectTimeout(timeoutMs)
                .setIdleTimeout(timeoutMs)
                .putHeader("User-Agent", USER_AGENT);
        p.headers().forEach(options::putHeader);
        return (p.https() ? https : http)
                .request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> resp.statusCode() >= 200 && resp.statusCode() < 400))
                .otherwise(false);
    }

    /** {@code attempt}'s answer, or false if it has none within {@code timeoutMs}. */
    private Future<Boolean> withTimeout(Future<Boolean> attempt, long timeoutMs) {
        Promise<Boolean> result = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> result.tryComplete(false));
        attempt.onComplete(ar -> {
            vertx.cancelTimer(timer);
            result.tryComplete(Boolean.TRUE.equals(ar.result()));
        });
        return result.future();
    }

    void close() {
        http.close();
        https.close();
        tcp.close();
    }
}
