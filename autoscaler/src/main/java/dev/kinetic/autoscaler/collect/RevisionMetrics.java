package dev.kinetic.autoscaler.collect;

import dev.kinetic.autoscaler.metrics.Aggregation;
import dev.kinetic.autoscaler.metrics.BucketWindow;
import dev.kinetic.autoscaler.scaling.Observation;

/**
 * One revision's recorded traffic: concurrency and request rate, each in a stable and a panic window of one-second
 * buckets (Knative {@code pkg/autoscaler/metrics/collector.go}). Scraped pod stats and activator stats both add to
 * the bucket of the second they arrive in. Thread-safe: the scraper, the stat server and the ticker all use it.
 */
public final class RevisionMetrics {
    private final long stableWindowMillis;
    private final long panicWindowMillis;
    private final Aggregation aggregation;
    private final BucketWindow stableConcurrency;
    private final BucketWindow panicConcurrency;
    private final BucketWindow stableRps;
    private final BucketWindow panicRps;

    /**
     * @param aggregation how a window averages its buckets ({@code autoscaling.knative.dev/metric-aggregation-algorithm})
     */
    public RevisionMetrics(long stableWindowMillis, long panicWindowMillis, Aggregation aggregation) {
        this.stableWindowMillis = stableWindowMillis;
        this.panicWindowMillis = panicWindowMillis;
        this.aggregation = aggregation;
        this.stableConcurrency = new BucketWindow(stableWindowMillis, 1000, aggregation);
        this.panicConcurrency = new BucketWindow(panicWindowMillis, 1000, aggregation);
        this.stableRps = new BucketWindow(stableWindowMillis, 1000, aggregation);
        this.panicRps = new BucketWindow(panicWindowMillis, 1000, aggregation);
    }

    /** Whether these windows are the ones asked for (a spec change may need new ones). */
    public boolean hasWindows(long stableMillis, long panicMillis, Aggregation aggregation) {
        return stableWindowMillis == stableMillis
                && panicWindowMillis == panicMillis
                && this.aggregation == aggregation;
    }

    /** Adds a source's share of the revision's traffic at {@code nowMillis}. */
    public synchronized void record(long nowMillis, double concurrency, double rps) {
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
}
