package dev.kinetic.benchmarks;

import dev.kinetic.activator.throttle.LoadBalancingPolicies;
import dev.kinetic.activator.throttle.LoadBalancingPolicy;
import dev.kinetic.activator.throttle.PodTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The activator's per-request pod choice: {@link LoadBalancingPolicy#pick} for the policy of a containerConcurrency
 * (0: power of two random choices; 1: first available; 10: round robin skipping full pods), over 3 and 50 pods,
 * followed by the release of the reserved pod, as when the request completes.
 *
 * <p>A third of the pods (rounded down) is kept full, so that the policies that skip busy pods do skip some; with
 * cc=0 a pod is never full.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoadBalancerPickBenchmark {
    @Param({"0", "1", "10"})
    public int containerConcurrency;

    @Param({"3", "50"})
    public int pods;

    private LoadBalancingPolicy policy;
    private List<PodTracker> trackers;

    @Setup
    public void setUp() {
        policy = LoadBalancingPolicies.forContainerConcurrency(containerConcurrency);
        trackers = new ArrayList<>(pods);
        for (int i = 0; i < pods; i++) {
            PodTracker tracker =
                    new PodTracker("10.0." + (i / 250) + "." + (i % 250 + 1) + ":8012", containerConcurrency);
            trackers.add(tracker);
        }
        if (containerConcurrency > 0) {
            // Fill every third pod, starting with the first, so that the policies have full pods to skip.
            for (int i = 0; i < pods; i += 3) {
                PodTracker tracker = trackers.get(i);
                while (tracker.tryReserve()) {
                    // reserve until full
                }
            }
        }
        trackers = List.copyOf(trackers);
    }

    @Benchmark
    public PodTracker pickAndRelease() {
        PodTracker picked = policy.pick(trackers);
        if (picked == null) {
            throw new IllegalStateException("no pod picked with " + pods + " pods at cc=" + containerConcurrency);
        }
        picked.release();
        return picked;
    }
}
