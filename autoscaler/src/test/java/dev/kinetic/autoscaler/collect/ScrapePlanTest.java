package dev.kinetic.autoscaler.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Sampling the pods to scrape, scaling the sample to the population, and reading the stats. */
class ScrapePlanTest {
    private static List<String> pods(int n) {
        return IntStream.range(0, n).mapToObj(i -> "10.0.0." + i).toList();
    }

    @Test
    void fewPodsAreAllScraped() {
        assertThat(ScrapePlan.sample(pods(3), Map.of(), 60, new Random(1)))
                .containsExactlyInAnyOrderElementsOf(pods(3));
    }

    @Test
    void manyPodsAreSampled() {
        assertThat(ScrapePlan.sample(pods(10), Map.of(), 60, new Random(1))).hasSize(7);
        assertThat(ScrapePlan.sample(pods(100), Map.of(), 60, new Random(1))).hasSize(14);
    }

    @Test
    void podsOlderThanTheStableWindowComeFirst() {
        List<String> all = pods(10);
        Map<String, Double> uptimes = Map.of("10.0.0.9", 120.0, "10.0.0.8", 61.0, "10.0.0.7", 60.0, "10.0.0.1", 5.0);
        List<String> sample = ScrapePlan.sample(all, uptimes, 60, new Random(3));
        assertThat(sample.subList(0, 3)).containsExactlyInAnyOrder("10.0.0.9", "10.0.0.8", "10.0.0.7");
        assertThat(sample).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void totalsAreScaledToThePopulationWithoutProxiedTraffic() {
        List<Optional<PodStat>> answered = List.of(
                Optional.of(new PodStat("a", 3, 1, 10, 4, 100)), Optional.of(new PodStat("b", 5, 0, 6, 0, 100)));
        double[] totals = ScrapePlan.totals(answered, 10).orElseThrow();
        // (2 + 5) / 2 pods × 10 pods; (6 + 6) / 2 × 10.
        assertThat(totals[0]).isEqualTo(35.0);
        assertThat(totals[1]).isEqualTo(60.0);
    }

    @Test
    void anIncompleteSampleIsNotExtrapolated() {
        // The busy old pod answered, the young one timed out: scaling 30 to 5 pods would read 150 for a real ~40.
        List<Optional<PodStat>> partial = List.of(Optional.of(new PodStat("old", 30, 0, 60, 0, 100)), Optional.empty());
        assertThat(ScrapePlan.totals(partial, 5)).isEmpty();
        assertThat(ScrapePlan.totals(List.of(), 5)).isEmpty();
    }

    @Test
    void queueProxyStatIsRead() {
        PodStat stat = PodStat.fromQueueProxy(new JsonObject("""
                {"podName":"p","averageConcurrentRequests":2.5,"averageProxiedConcurrentRequests":0.5,\
                "requestCount":7,"proxiedRequestCount":2,"processUptime":12.5,"timestamp":1}"""));
        assertThat(stat).isEqualTo(new PodStat("p", 2.5, 0.5, 7, 2, 12.5));
        assertThat(stat.concurrency()).isEqualTo(2.0);
        assertThat(stat.rps()).isEqualTo(5.0);
    }

    @Test
    void activatorStatIsRead() {
        PodStat stat = PodStat.fromActivator(new JsonObject("""
                {"namespace":"ns","revision":"r","podName":"act","averageConcurrency":4,\
                "averageProxiedConcurrency":0,"requestCount":9,"proxiedRequestCount":0,"timestamp":1}"""));
        assertThat(stat).isEqualTo(new PodStat("act", 4, 0, 9, 0, 0));
    }

    @Test
    void malformedStatsAreRejected() {
        assertThatThrownBy(() -> PodStat.fromQueueProxy(new JsonObject("{\"averageConcurrentRequests\":\"x\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PodStat.fromQueueProxy(new JsonObject("{\"averageConcurrentRequests\":-1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("averageConcurrentRequests");
    }
}
