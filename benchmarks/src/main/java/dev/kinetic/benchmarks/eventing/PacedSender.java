package dev.kinetic.benchmarks.eventing;

import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * POSTs the event to the receiver at a fixed rate (an open loop: the schedule does not wait for answers), each
 * stamped with the wall clock in {@code ce-}{@value BenchEvent#SEND_TIME} as it is sent. Vert.x core on one event
 * loop, a pool of kept-alive connections; a pacing thread hands each send to the event loop on time.
 */
final class PacedSender implements AutoCloseable {
    private static final Buffer BODY = Buffer.buffer(BenchEvent.BODY_BYTES);

    private final Vertx vertx;
    private final HttpClient client;
    private final Context context;
    private final RequestOptions request;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Latencies responses = new Latencies();

    PacedSender(int port, String path) {
        this.vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
        this.context = vertx.getOrCreateContext();
        this.request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI(path);
        BenchEvent.httpHeaders().forEach(headers::add);
    }

    long accepted() {
        return accepted.get();
    }

    long failed() {
        return failed.get();
    }

    /** POST → answer latencies of the events sent since the last {@link #resetCounts}. */
    Latencies responses() {
        return responses;
    }

    void resetCounts() {
        accepted.set(0);
        failed.set(0);
        responses.reset();
    }

    /** Sends at {@code rate} per second for {@code duration}; returns how many it sent. */
    long run(int rate, Duration duration) {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        for (long i = 0; ; i++) {
            long at = start + i * period;
            if (at >= end) {
                return sent;
            }
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            context.runOnContext(v -> send());
            sent++;
        }
    }

    private void send() {
        long started = System.nanoTime();
        MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        h.add("ce-" + BenchEvent.SEND_TIME, Long.toString(BenchEvent.epochMicros()));
        client.request(new RequestOptions(request).setHeaders(h))
                .compose(req -> req.send(BODY))
                .onComplete(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() == 202) {
                        accepted.incrementAndGet();
                        responses.record((System.nanoTime() - started) / 1000);
                    } else {
                        failed.incrementAndGet();
                    }
                });
    }

    @Override
    public void close() {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
