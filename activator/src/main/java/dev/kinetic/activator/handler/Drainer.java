package dev.kinetic.activator.handler;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown. Once {@link #drain} is called the activator fails its health probes, so Kubernetes takes it out
 * of the revisions' endpoints, but keeps serving: requests still arrive for a while (endpoint changes take time to
 * reach every gateway). The drain is over when no request has arrived for the quiet period and none is in flight.
 * Request methods are called from any event loop.
 */
public final class Drainer {
    /** How often a drain looks again at whether it is over; short, so a drain never ends much later than it could. */
    private static final long CHECK_MILLIS = 50;

    private final Vertx vertx;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Promise<Void> drained = Promise.promise();
    private volatile long lastArrivalNanos = System.nanoTime();
    private volatile boolean draining;

    public Drainer(Vertx vertx) {
        this.vertx = vertx;
    }

    public void requestStarted() {
        lastArrivalNanos = System.nanoTime();
        inFlight.incrementAndGet();
    }

    public void requestEnded() {
        inFlight.decrementAndGet();
    }

    /** True once a drain has begun: health probes must fail. */
    public boolean isDraining() {
        return draining;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Begins draining (once; later calls just return the same future). Completes when no request arrived for {@code
     * quietPeriod} (counted from now at the earliest) and none is in flight.
     */
    public synchronized Future<Void> drain(Duration quietPeriod) {
        if (!draining) {
            draining = true;
            long start = System.nanoTime();
            long quietNanos = quietPeriod.toNanos();
            check(start, quietNanos);
        }
        return drained.future();
    }

    /** The drain's future, completing when a drain (started by anyone) is over. */
    public Future<Void> drained() {
        return drained.future();
    }

    private void check(long start, long quietNanos) {
        long now = System.nanoTime();
        long quietSince = Math.max(start, lastArrivalNanos);
        long quietLeft = quietNanos - (now - quietSince);
        if (quietLeft <= 0 && inFlight.get() == 0) {
            drained.tryComplete();
            return;
        }
        long wait = quietLeft > 0 ? Math.min(CHECK_MILLIS, Math.max(1, quietLeft / 1_000_000)) : CHECK_MILLIS;
        vertx.setTimer(wait, id -> check(start, quietNanos));
    }
}
