package dev.kinetic.benchmarks.eventing;

import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds (up to a minute, 3 significant digits) that several threads may record into. */
final class Latencies {
    private final Histogram histogram = new Histogram(60_000_000L, 3);

    synchronized void record(long micros) {
        if (micros >= 0 && micros <= histogram.getHighestTrackableValue()) {
            histogram.recordValue(micros);
        }
    }

    synchronized void reset() {
        histogram.reset();
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    /** The value at {@code percentile} (0–100), in µs; 0 without samples. */
    synchronized long percentile(double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }
}
