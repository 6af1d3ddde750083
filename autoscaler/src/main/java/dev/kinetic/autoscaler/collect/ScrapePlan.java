package dev.kinetic.autoscaler.collect;

import dev.kinetic.autoscaler.metrics.Sampling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Which pods to scrape in one round and how to scale what they report to the whole revision (Knative
 * {@code pkg/autoscaler/metrics/stats_scraper.go}): with many pods only a sample is scraped (sample size from
 * {@link Sampling}), pods that have run for a whole stable window first, since a young pod's averages are not yet
 * representative; the sample's sums are scaled to the population. Pure apart from the random shuffle it is given.
 */
public final class ScrapePlan {
    private ScrapePlan() {}

    /**
     * @param readyAddresses the revision's ready pod addresses
     * @param uptimeSeconds the uptime each address last reported (absent: never scraped, counts as young)
     * @param stableWindowSeconds the revision's stable window
     * @return the addresses to scrape, old pods first
     */
    public static List<String> sample(
            List<String> readyAddresses,
            Map<String, Double> uptimeSeconds,
            double stableWindowSeconds,
            RandomGenerator random) {
        List<String> old = new ArrayList<>();
        List<String> young = new ArrayList<>();
        for (String address : readyAddresses) {
            Double uptime = uptimeSeconds.get(address);
            (uptime != null && uptime >= stableWindowSeconds ? old : young).add(address);
        }
        shuffle(old, random);
        shuffle(young, random);
        old.addAll(young);
        int size = Sampling.sampleSize(readyAddresses.size());
        return old.subList(0, Math.min(size, old.size()));
    }

    private static void shuffle(List<String> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    /**
     * The revision-wide totals of one round, scaled from the sample to the population; none when a sampled pod did
     * not answer. Scaling a partial sample would extrapolate from whichever pods happened to answer, and the ones
     * that do not are typically young pods still warming up, which carry less load: while a revision scales up, the
     * busy old pod alone, scaled to every ready pod, reads as several times the real concurrency (an e2e run went
     * from 5 to 14 pods under a load worth 5). Knative fails the whole round on a failed scrape too; the window then
     * averages over the seconds it has.
     *
     * @param answers one entry per sampled pod, in any order: its stat, or empty when scraping it failed
     * @param population the number of ready pods
     * @return {concurrency, rps}, or empty when the sample is empty or incomplete
     */
    public static Optional<double[]> totals(List<Optional<PodStat>> answers, int population) {
        if (answers.isEmpty()) {
            return Optional.empty();
        }
        double concurrency = 0;
        double rps = 0;
        for (Optional<PodStat> answer : answers) {
            if (answer.isEmpty()) {
                return Optional.empty();
            }
            concurrency += answer.get().concurrency();
            rps += answer.get().rps();
        }
        double scale = (double) population / answers.size();
        return Optional.of(new double[] {concurrency * scale, rps * scale});
    }
}
