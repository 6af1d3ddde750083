package dev.kinetic.benchmarks.eventing;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The subscriber of the eventing benchmark: Vert.x core on one event loop, HTTP/1.1 on {@code 127.0.0.1:PORT},
 * answering every POST with 202 and no body, so that what is measured is the dispatching in front of it.
 *
 * <p>It counts the events and remembers when the first and the last arrived (epoch µs); an event carrying the
 * {@code ce-}{@value BenchEvent#SEND_TIME} header adds (arrival − send time) to a latency histogram. {@code GET
 * /stats} answers one line, {@link Stats#line()}; {@code DELETE /stats} starts counting afresh. All of it runs on the
 * one event loop, so nothing is shared between threads.
 */
public final class SubscriberStub {
    private static final String SEND_TIME_HEADER = "ce-" + BenchEvent.SEND_TIME;

    private long count;
    private long firstMicros;
    private long lastMicros;
    private final Histogram latency = new Histogram(60_000_000L, 3);

    private SubscriberStub() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "18300");
        Vertx vertx = Vertx.vertx(
                new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        SubscriberStub stub = new SubscriberStub();
        vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(stub::handle)
                .listen()
                .onSuccess(
                        server -> System.out.println("subscriber stub listening on 127.0.0.1:" + server.actualPort()))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    /** What {@code GET /stats} answers: events, first and last arrival (epoch µs), latency samples, p50, p99 (µs). */
    public record Stats(long count, long firstMicros, long lastMicros, long samples, long p50Us, long p99Us) {
        public String line() {
            return String.format(
                    Locale.ROOT, "%d %d %d %d %d %d", count, firstMicros, lastMicros, samples, p50Us, p99Us);
        }

        public static Stats parse(String line) {
            String[] f = line.trim().split(" ");
            return new Stats(
                    Long.parseLong(f[0]),
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5]));
        }

        /** Events per second between the first and the last arrival. */
        public double rate() {
            return count > 1 && lastMicros > firstMicros ? (count - 1) * 1e6 / (lastMicros - firstMicros) : 0;
        }
    }

    private void handle(HttpServerRequest request) {
        if ("/stats".equals(request.path())) {
            if (request.method() == HttpMethod.DELETE) {
                count = 0;
                firstMicros = 0;
                lastMicros = 0;
                latency.reset();
            }
            long samples = latency.getTotalCount();
            Stats stats = new Stats(
                    count,
                    firstMicros,
                    lastMicros,
                    samples,
                    samples == 0 ? 0 : latency.getValueAtPercentile(50),
                    samples == 0 ? 0 : latency.getValueAtPercentile(99));
            request.response().end(stats.line() + "\n");
            return;
        }
        long now = BenchEvent.epochMicros();
        if (count++ == 0) {
            firstMicros = now;
        }
        lastMicros = now;
        String sent = request.getHeader(SEND_TIME_HEADER);
        if (sent != null) {
            try {
                latency.recordValue(Math.max(0, now - Long.parseLong(sent)));
            } catch (RuntimeException e) {
                // a malformed or out-of-range value: not a sample
            }
        }
        // The body is not needed; the response goes once the request has been read.
        request.end().onComplete(v -> request.response().setStatusCode(202).end());
    }
}
