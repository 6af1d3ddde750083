package dev.kinetic.benchmarks.autoscaler;

import dev.kinetic.autoscaler.config.KpaConfig;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision for one revision, {@link Decider#decide}, fed its own previous decision as the autoscaler does, two
 * seconds later each time. Knative's default config: target 70 concurrent requests per pod, TBC 211.
 *
 * <ul>
 *   <li>{@code steady}: reachable, 10 pods at target (700 in both windows), not panicking: the typical case.
 *   <li>{@code panicking}: 10 pods with 2,100 in the panic window (300 %), so every decision extends the panic.
 *   <li>{@code steadyWithScaleDownDelay}: as {@code steady} with a 60 s scale-down delay, whose max window is kept.
 * </ul>
 *
 * Target: at most 2 µs and 1 KB allocated per decision. Knative's Go benchmark measured 12.2 µs, 6,131 B and 83
 * allocations per {@code Scale} (knative/serving#10374, 2020), which also reads the metric client and records
 * metrics, so the comparison is indicative.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeciderBenchmark {
    private static final long TICK_MILLIS = 2000;

    /** One revision's spec, observation and last decision. */
    public abstract static class Revision {
        DeciderSpec spec;
        Observation observation;
        Decision previous;
        long now = 1_700_000_000_000L;

        void set(Map<String, String> annotations, double stable, double panic) {
            spec = DeciderSpec.resolve(KpaConfig.defaults(), annotations, 0, true);
            observation = Observation.of(stable, panic, 10);
            previous = Decider.initial(spec, 1, now);
        }

        Decision decide() {
            now += TICK_MILLIS;
            previous = Decider.decide(spec, observation, previous, now);
            return previous;
        }
    }

    @State(Scope.Thread)
    public static class Steady extends Revision {
        @Setup
        public void setUp() {
            set(Map.of(), 700, 700);
        }
    }

    @State(Scope.Thread)
    public static class Panicking extends Revision {
        @Setup
        public void setUp() {
            set(Map.of(), 700, 2100);
        }
    }

    @State(Scope.Thread)
    public static class Delayed extends Revision {
        @Setup
        public void setUp() {
            set(Map.of("autoscaling.knative.dev/scale-down-delay", "60s"), 700, 700);
        }
    }

    @Benchmark
    public Decision steady(Steady revision) {
        return revision.decide();
    }

    @Benchmark
    public Decision panicking(Panicking revision) {
        return revision.decide();
    }

    @Benchmark
    public Decision steadyWithScaleDownDelay(Delayed revision) {
        return revision.decide();
    }
}
