package dev.kinetic.autoscaler.collect;

import dev.kinetic.autoscaler.metrics.Aggregation;
import dev.kinetic.autoscaler.metrics.BucketWindow;
import dev.kinetic.autoscaler.scaling.Observation;
import java.util.HashMap;
import java.util.Map;

/**
 * One revision's recorded traffic: concurrency and request rate, each in a stable and a panic window of one-second
 * buckets (Knative {@code pkg/autoscaler/metrics/collector.go}). Scraped pod stats and activator stats both add to
 * the bucket of the second they arrive in. Thread-safe: the scraper, the stat server and the ticker all use it.
 *
 * <p>Each source (the scraper, each activator) reports about once a second: an average concurrency over roughly the
 * second before, and a count of the requests in that time. When a stalled sender delivers two reports of one source
 * into the same bucket, Knative adds both concurrencies and the bucket reads about twice the real load; with a
 * short panic window (a 6 s stable window at the default 10 %) that doubles the desired scale. Here a source's
 * concurrencies within one bucket are averaged, so the bucket holds the sum over sources of each source's mean.
 * Request counts still add: bunched reports count disjoint stretches of time.
 */
public final class RevisionMetrics {
    private static final long BUCKET_MILLIS = BucketWindow.DEFAULT_GRANULARITY_MILLIS;
    /** The fewest buckets a panic window has (see the constructor). */
    private static final int MIN_BUCKETS = 2;

    private final long stableWindowMillis;
    private final long panicWindowMillis;
    private final Aggregation aggregation;
    private final BucketWindow stableConcurrency;
    private final BucketWindow panicConcurrency;
    private final BucketWindow stableRps;
    private final BucketWindow panicRps;
    /** The bucket each source last reported into, its reports there and their mean concurrency; a few entries. */
    private final Map<String, SourceBucket> sources = new HashMap<>(4);

    /**
     * @param aggregation how a window averages its buckets ({@code autoscaling.knative.dev/metric-aggregation-algorithm})
     */
    public RevisionMetrics(long stableWindowMillis, long panicWindowMillis, Aggregation aggregation) {
        this.stableWindowMillis = stableWindowMillis;
        this.panicWindowMillis = panicWindowMillis;
        this.aggregation = aggregation;
        // A window of one bucket reads 0 at every tick that comes before the second's first report (the current
        // bucket is empty and the last complete one has left the window): a 6 s stable window's 0.6 s panic window
        // never saw a panic. Two buckets at least, so the last complete second always counts.
        long panicMillis = Math.max(panicWindowMillis, MIN_BUCKETS * BUCKET_MILLIS);
        this.stableConcurrency = new BucketWindow(stableWindowMillis, BUCKET_MILLIS, aggregation);
        this.panicConcurrency = new BucketWindow(panicMillis, BUCKET_MILLIS, aggregation);
        this.stableRps = new BucketWindow(stableWindowMillis, BUCKET_MILLIS, aggregation);
        this.panicRps = new BucketWindow(panicMillis, BUCKET_MILLIS, aggregation);
    }

    /** Whether these windows are the ones asked for (a spec change may need new ones). */
    public boolean hasWindows(long stableMillis, long panicMillis, Aggregation aggregation) {
        return stableWindowMillis == stableMillis
                && panicWindowMillis == panicMillis
                && this.aggregation == aggregation;
    }

    /**
     * Adds {@code source}'s share of the revision's traffic at {@code nowMillis}. A second report of the same source
     * in the same bucket replaces that source's concurrency there with the mean of its reports; its request rate adds.
     * An empty {@code source} (a sender that does not name itself) is never merged: each of its reports adds.
     */
    public synchronized void record(String source, long nowMillis, double concurrency, double rps) {
        if (source.isEmpty()) {
            add(nowMillis, concurrency, rps);
            return;
        }
        long bucket = Math.floorDiv(nowMillis, BUCKET_MILLIS);
        SourceBucket last = sources.get(source);
        if (last != null && last.bucket == bucket) {
            int reports = last.reports + 1;
            double meanConcurrency = last.concurrency + (concurrency - last.concurrency) / reports;
            add(nowMillis, meanConcurrency - last.concurrency, rps);
            last.reports = reports;
            last.concurrency = meanConcurrency;
            return;
        }
        // Entries of earlier buckets can no longer be merged into: drop them (an activator that went away).
        sources.values().removeIf(s -> s.bucket < bucket);
        sources.put(source, new SourceBucket(bucket, concurrency));
        add(nowMillis, concurrency, rps);
    }

    private void add(long nowMillis, double concurrency, double rps) {
        stableConcurrency.record(nowMillis, concurrency);
        panicConcurrency.record(nowMillis, concurrency);
        stableRps.record(nowMillis, rps);
        panicRps.record(nowMillis, rps);
    }

    /**
     * The window averages of the metric the revision scales on; no data when nothing was recorded for a whole
     * stable window.
     */
    public synchronized Observation observe(long nowMillis, boolean rps, int readyPods) {
        BucketWindow stable = rps ? stableRps : stableConcurrency;
        BucketWindow panic = rps ? panicRps : panicConcurrency;
        if (stable.isEmpty(nowMillis)) {
            return Observation.NO_DATA;
        }
        return new Observation(true, stable.average(nowMillis), panic.average(nowMillis), readyPods);
    }

    private static final class SourceBucket {
        final long bucket;
        int reports = 1;
        double concurrency;

        SourceBucket(long bucket, double concurrency) {
            this.bucket = bucket;
            this.concurrency = concurrency;
        }
    }
}
