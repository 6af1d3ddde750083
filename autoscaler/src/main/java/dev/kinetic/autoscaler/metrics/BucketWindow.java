package dev.kinetic.autoscaler.metrics;

import java.util.Arrays;

/**
 * A sliding window of a metric in fixed buckets (1 s by default), over a ring of doubles (Knative
 * {@code pkg/autoscaler/aggregation/bucketing.go}). Records in the same bucket add up; moving on clears the buckets
 * skipped since the last record, and a window without records starts the window afresh. Every method takes the time
 * explicitly; nothing here reads a clock, and recording neither allocates nor boxes.
 *
 * <p>The {@link Aggregation#LINEAR linear} average is the total of the buckets in the window divided by the number of
 * buckets written into: from the first record (if that was less than a window ago) to the last one (if that was
 * before now). So after an idle spell the window is partial rather than diluted with buckets nobody measured, and a
 * stretch without records at the end does not pull the average down either; a gap between two records counts as
 * zeros. It is 0 once nothing was recorded for a whole window. As in Knative the result is cut to six decimals, so
 * that sums of decimal fractions such as 0.1 + 0.2 do not push {@code ceil(average / target)} up by one.
 *
 * <p>Not thread-safe: a window belongs to one thread, or its owner synchronizes.
 */
public final class BucketWindow {
    public static final long DEFAULT_GRANULARITY_MILLIS = 1000;

    /** Weighted-exponential: the share of all weight the window's buckets carry. */
    private static final double WEIGHT_PRECISION = 0.9999;
    /** Weighted-exponential: the least decay per bucket. */
    private static final double MIN_SMOOTHING = 0.2;

    private static final double PRECISION = 1e6;

    private final long windowMillis;
    private final long granularityMillis;
    private final Aggregation aggregation;
    private final double smoothing;
    /** Bucket of second {@code s} (for {@code granularity = 1 s}) is {@code buckets[s mod length]}. */
    private final double[] buckets;

    private boolean written;
    /** Bucket indices (time / granularity) of the first record of the current run, and of the latest record. */
    private long firstWrite;

    private long lastWrite;

    /** A linear window of {@code windowMillis} in one-second buckets. */
    public BucketWindow(long windowMillis) {
        this(windowMillis, DEFAULT_GRANULARITY_MILLIS, Aggregation.LINEAR);
    }

    public BucketWindow(long windowMillis, long granularityMillis) {
        this(windowMillis, granularityMillis, Aggregation.LINEAR);
    }

    /** A window of {@code windowMillis} rounded up to whole buckets of {@code granularityMillis}. */
    public BucketWindow(long windowMillis, long granularityMillis, Aggregation aggregation) {
        if (windowMillis <= 0 || granularityMillis <= 0) {
            throw new IllegalArgumentException("window and granularity must be positive, got " + windowMillis + " ms, "
                    + granularityMillis + " ms");
        }
        long count = -Math.floorDiv(-windowMillis, granularityMillis);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many buckets: " + count);
        }
        this.windowMillis = windowMillis;
        this.granularityMillis = granularityMillis;
        this.aggregation = aggregation;
        this.buckets = new double[(int) count];
        this.smoothing = Math.max(1 - Math.pow(1 - WEIGHT_PRECISION, 1.0 / count), MIN_SMOOTHING);
    }

    public long windowMillis() {
        return windowMillis;
    }

    public long granularityMillis() {
        return granularityMillis;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /**
     * Adds {@code value} to the bucket of {@code nowMillis}. A record older than the latest one still counts if it
     * falls within the window ending at the latest record, and is dropped otherwise.
     */
    public void record(long nowMillis, double value) {
        long index = Math.floorDiv(nowMillis, granularityMillis);
        int n = buckets.length;
        if (!written) {
            written = true;
            firstWrite = index;
            lastWrite = index;
        } else if (index > lastWrite) {
            if (index - lastWrite >= n) {
                // Nothing recorded for a whole window: start afresh.
                Arrays.fill(buckets, 0);
                firstWrite = index;
            } else {
                for (long i = lastWrite + 1; i <= index; i++) {
                    buckets[slot(i)] = 0;
                }
            }
            lastWrite = index;
        } else if (index <= lastWrite - n) {
            return;
        } else if (index < firstWrite) {
            firstWrite = index;
        }
        buckets[slot(index)] += value;
    }

    /** The window's average at {@code nowMillis} (see the class comment); 0 when nothing is in the window. */
    public double average(long nowMillis) {
        long index = Math.floorDiv(nowMillis, granularityMillis);
        long idle = index - lastWrite;
        int n = buckets.length;
        if (!written || idle >= n) {
            return 0;
        }
        return aggregation == Aggregation.LINEAR ? linear(Math.max(0, idle)) : weighted(Math.max(0, idle));
    }

    /**
     * True when nothing was recorded for more than a whole window (Knative's "no data": the decider then makes no
     * decision). For exactly one window after the last record the window is not empty yet but averages 0, which is
     * what lets a revision whose metrics stopped be decided down to zero.
     */
    public boolean isEmpty(long nowMillis) {
        return !written || Math.floorDiv(nowMillis, granularityMillis) - lastWrite > buckets.length;
    }

    private double linear(long idle) {
        int n = buckets.length;
        // Buckets of the window ending now that hold data: (now - n, lastWrite]. Walked without a division per
        // bucket: the ring index wraps by comparison.
        int valid = (int) (n - idle);
        double total = 0;
        for (int k = 0, j = slot(lastWrite - valid + 1); k < valid; k++) {
            total += buckets[j];
            if (++j == n) {
                j = 0;
            }
        }
        long count = Math.min(lastWrite - firstWrite + 1, valid);
        return Math.floor(total / count * PRECISION) / PRECISION;
    }

    private double weighted(long idle) {
        int n = buckets.length;
        // Skipping the idle buckets (zeros) means starting with their accumulated decay.
        double weight = smoothing * Math.pow(1 - smoothing, idle);
        double total = 0;
        for (int k = 0, j = slot(lastWrite), valid = (int) (n - idle); k < valid; k++) {
            total += buckets[j] * weight;
            weight *= 1 - smoothing;
            if (--j < 0) {
                j = n - 1;
            }
        }
        return total;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) buckets.length);
    }
}
