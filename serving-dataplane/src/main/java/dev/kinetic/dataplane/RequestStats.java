package dev.kinetic.dataplane;

/**
 * What the autoscaler learns from one pod (Knative {@code pkg/queue/stats.go}): over each reporting window, the
 * time-weighted average number of requests in flight and the number of requests that arrived, each also for the
 * requests the activator proxied ({@code K-Proxy-Request: activator}). Time is passed in (nanoseconds from any
 * monotonic origin) so the arithmetic is exact and testable; no clock is read here.
 *
 * <p>Updates take a short uncontended monitor: a handful of arithmetic operations, never I/O.
 */
public final class RequestStats {
    /** One window's figures. Concurrencies are averages over the window; counts are arrivals within it. */
    public record Report(
            double averageConcurrency, double averageProxiedConcurrency, long requestCount, long proxiedRequestCount) {}

    private long windowStart;
    private long lastChange;
    private int concurrency;
    private int proxiedConcurrency;
    /** Sum over the window of concurrency × nanoseconds. */
    private double concurrencyNanos;

    private double proxiedConcurrencyNanos;
    private long requests;
    private long proxiedRequests;

    public RequestStats(long startNanos) {
        this.windowStart = startNanos;
        this.lastChange = startNanos;
    }

    /** A request arrived at {@code now}. */
    public synchronized void start(long now, boolean proxied) {
        advance(now);
        concurrency++;
        requests++;
        if (proxied) {
            proxiedConcurrency++;
            proxiedRequests++;
        }
    }

    /** A request finished at {@code now}. */
    public synchronized void end(long now, boolean proxied) {
        advance(now);
        concurrency--;
        if (proxied) {
            proxiedConcurrency--;
        }
    }

    /** The figures of the window ending at {@code now}; the next window starts there, with the requests in flight. */
    public synchronized Report report(long now) {
        advance(now);
        long window = now - windowStart;
        Report report = window <= 0
                ? new Report(concurrency, proxiedConcurrency, requests, proxiedRequests)
                : new Report(concurrencyNanos / window, proxiedConcurrencyNanos / window, requests, proxiedRequests);
        windowStart = now;
        concurrencyNanos = 0;
        proxiedConcurrencyNanos = 0;
        requests = 0;
        proxiedRequests = 0;
        return report;
    }

    /** Requests in flight right now. */
    public synchronized int concurrency() {
        return concurrency;
    }

    private void advance(long now) {
        long elapsed = Math.max(0, now - lastChange);
        concurrencyNanos += (double) concurrency * elapsed;
        proxiedConcurrencyNanos += (double) proxiedConcurrency * elapsed;
        lastChange = Math.max(lastChange, now);
    }
}
