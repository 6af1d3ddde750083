package dev.kinetic.benchmarks.autoscaler;

import dev.kinetic.autoscaler.config.KpaConfig;
import dev.kinetic.autoscaler.metrics.BucketWindow;
import dev.kinetic.autoscaler.scaling.Decider;
import dev.kinetic.autoscaler.scaling.DeciderSpec;
import dev.kinetic.autoscaler.scaling.Decision;
import dev.kinetic.autoscaler.scaling.Observation;
import java.util.Map;
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
 * A whole autoscaler tick: for each revision, record one value into its stable (60 s) and panic (6 s) windows, read
 * both averages and decide, feeding the decision back as the next tick's previous decision and ready pods. The
 * revisions have different loads (0 to 700 concurrent requests) and a few different specs, so the decisions differ.
 * Target: 10,000 revisions in at most 20 ms per tick.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TickBenchmark {
    private static final long TICK_MILLIS = 2000;

    @Param("10000")
    int revisions;

    DeciderSpec[] specs;
    BucketWindow[] stable;
    BucketWindow[] panic;
    double[] load;
    Decision[] decisions;
    long now = 1_700_000_000_000L;

    @Setup
    public void setUp() {
        KpaConfig config = KpaConfig.defaults();
        DeciderSpec[] kinds = {
            DeciderSpec.resolve(config, Map.of(), 0, true),
            DeciderSpec.resolve(config, Map.of(), 10, true),
            DeciderSpec.resolve(config, Map.of("autoscaling.knative.dev/metric", "rps"), 0, true),
            DeciderSpec.resolve(config, Map.of("autoscaling.knative.dev/scale-down-delay", "30s"), 0, true),
        };
        specs = new DeciderSpec[revisions];
        stable = new BucketWindow[revisions];
        panic = new BucketWindow[revisions];
        load = new double[revisions];
        decisions = new Decision[revisions];
        for (int i = 0; i < revisions; i++) {
            specs[i] = kinds[i % kinds.length];
            stable[i] = new BucketWindow(specs[i].stableWindowMillis());
            panic[i] = new BucketWindow(specs[i].panicWindowMillis());
            load[i] = (i % 101) * 7;
            decisions[i] = Decider.initial(specs[i], 1, now);
        }
    }

    @Benchmark
    public int tick() {
        long t = now += TICK_MILLIS;
        int total = 0;
        for (int i = 0; i < revisions; i++) {
            BucketWindow s = stable[i];
            BucketWindow p = panic[i];
            s.record(t, load[i]);
            p.record(t, load[i]);
            Decision previous = decisions[i];
            int ready = Math.max(0, previous.desiredScale());
            Decision next = Decider.decide(specs[i], Observation.of(s.average(t), p.average(t), ready), previous, t);
            decisions[i] = next;
            total += next.desiredScale();
        }
        return total;
    }
}
