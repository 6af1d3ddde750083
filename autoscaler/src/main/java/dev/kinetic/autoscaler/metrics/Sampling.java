package dev.kinetic.autoscaler.metrics;

/**
 * How many pods to scrape to estimate a revision's mean (Knative {@code populationMeanSampleSize}): the sample size
 * for a 95 % confidence level and a 5 % margin of error, assuming a standard deviation of 10 % of the mean, with the
 * finite population correction. A few pods are all scraped; for many it levels off at 16.
 */
public final class Sampling {
    /** z² · σ² / e² with z = 1.96, σ = 10, e = 5: ≈ 15.37, the sample size for an infinite population. */
    static final double SAMPLE_SIZE_FACTOR = 1.96 * 1.96 * 100 / (5 * 5);

    private Sampling() {}

    /** The pods to scrape out of {@code readyPods}: all of them up to 3, then {@code ceil(N·X / (N + X − 1))}. */
    public static int sampleSize(int readyPods) {
        if (readyPods <= 3) {
            return Math.max(0, readyPods);
        }
        return (int) Math.ceil(readyPods * SAMPLE_SIZE_FACTOR / (readyPods + SAMPLE_SIZE_FACTOR - 1));
    }
}
