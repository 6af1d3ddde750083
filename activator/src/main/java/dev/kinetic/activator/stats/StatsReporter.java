package dev.kinetic.activator.stats;

import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.dataplane.RequestStats;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps each revision's {@link RequestStats} and turns them into {@link StatMessage}s: every report period for all
 * revisions with recent traffic, and at once ({@link #poke}) when a request arrives for a revision with no ready pod,
 * so the autoscaler starts scaling from zero within one round trip instead of up to a period later.
 *
 * <p>Request threads only touch the per-revision stats (a short monitor inside {@link RequestStats}); sending happens
 * through the {@code sink}.
 */
public final class StatsReporter implements AutoCloseable {
    /** One revision's statistics and what the last report said. */
    public static final class RevisionStats {
        private final RequestStats stats;
        /** Set by a poke, cleared by the next periodic report: at most one immediate message per period. */
        private final AtomicBoolean poked = new AtomicBoolean();
        /** Touched by the reporting timer only. */
        private boolean lastReportActive;

        RevisionStats(long nowNanos) {
            this.stats = new RequestStats(nowNanos);
        }
    }

    private final Vertx vertx;
    private final String podName;
    private final Consumer<String> sink;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final Map<RevisionKey, RevisionStats> revisions = new ConcurrentHashMap<>();
    private long timer = -1;

    /**
     * @param podName the activator's pod, the {@code podName} of every message
     * @param sink sends one frame (a JSON array of stats); may drop it
     */
    public StatsReporter(Vertx vertx, String podName, Consumer<String> sink) {
        this(vertx, podName, sink, System::nanoTime, System::currentTimeMillis);
    }

    StatsReporter(Vertx vertx, String podName, Consumer<String> sink, LongSupplier nanoClock, LongSupplier wallClock) {
        this.vertx = vertx;
        this.podName = podName;
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    /** Starts the periodic reports; the timer runs on the caller's context. */
    public void start(long periodMillis) {
        timer = vertx.setPeriodic(periodMillis, id -> report());
    }

    /**
     * A request for {@code key} arrived. Returns the stats it must end on ({@link #requestEnded}), so that a request
     * always ends on the same object it started on.
     */
    public RevisionStats requestStarted(RevisionKey key) {
        RevisionStats rs = revisions.computeIfAbsent(key, k -> new RevisionStats(nanoClock.getAsLong()));
        rs.stats.start(nanoClock.getAsLong(), false);
        return rs;
    }

    public void requestEnded(RevisionStats rs) {
        rs.stats.end(nanoClock.getAsLong(), false);
    }

    /**
     * The revision has no ready pod and a request is waiting: sends one stat for it now, unless one was already sent
     * in this period.
     */
    public void poke(RevisionKey key, RevisionStats rs) {
        if (rs.poked.compareAndSet(false, true)) {
            double inFlight = Math.max(1, rs.stats.concurrency());
            sink.accept(StatMessage.encode(List.of(
                    new StatMessage(key.namespace(), key.name(), podName, inFlight, 0, 1, 0, wallClock.getAsLong()))));
        }
    }

    /** The revision is gone: its stats are dropped. */
    public void revisionRemoved(RevisionKey key) {
        revisions.remove(key);
    }

    /** Reports every revision that had traffic in this window or the previous one, in one frame. */
    void report() {
        long now = nanoClock.getAsLong();
        long timestamp = wallClock.getAsLong();
        List<StatMessage> batch = new ArrayList<>();
        revisions.forEach((key, rs) -> {
            RequestStats.Report r = rs.stats.report(now);
            rs.poked.set(false);
            boolean active = r.averageConcurrency() > 0 || r.requestCount() > 0;
            if (active || rs.lastReportActive) {
                batch.add(new StatMessage(
                        key.namespace(),
                        key.name(),
                        podName,
                        r.averageConcurrency(),
                        r.averageProxiedConcurrency(),
                        r.requestCount(),
                        r.proxiedRequestCount(),
                        timestamp));
            }
            rs.lastReportActive = active;
        });
        if (!batch.isEmpty()) {
            sink.accept(StatMessage.encode(batch));
        }
    }

    @Override
    public void close() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
