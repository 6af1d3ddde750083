package dev.kinetic.benchmarks;

import dev.kinetic.dataplane.Breaker;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The queue-proxy's admission path: {@link Breaker#acquire} then {@link Breaker#release}, once per request.
 *
 * <ul>
 *   <li>{@code uncontended}: one thread, a free slot every time (the common case of a pod under its capacity).
 *   <li>{@code contended}: two threads on one breaker of capacity 10, both always admitted: the cost of the two
 *       atomic counters when event loops race on them.
 *   <li>{@code queued}: capacity 1: a request runs, a second one queues, the release hands its slot to the waiter,
 *       which then releases too (the path of a pod at its containerConcurrency).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BreakerBenchmark {
    private static final Runnable NOTHING = () -> {};

    /** One breaker per thread: nothing shared. */
    @State(Scope.Thread)
    public static class Own {
        Breaker breaker;

        @Setup
        public void setUp() {
            breaker = new Breaker(10, 100);
        }
    }

    /** One breaker for all threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        Breaker breaker;

        @Setup
        public void setUp() {
            breaker = new Breaker(10, 100);
        }
    }

    /** A breaker with one slot and a callback that counts admissions, so the queued request's run is observable. */
    @State(Scope.Thread)
    public static class Single {
        Breaker breaker;
        int admitted;
        Runnable onAdmit;

        @Setup
        public void setUp() {
            breaker = new Breaker(1, 10);
            onAdmit = () -> admitted++;
        }
    }

    @Benchmark
    public Breaker.Outcome uncontended(Own state) {
        Breaker.Outcome outcome = state.breaker.acquire(NOTHING);
        state.breaker.release();
        return outcome;
    }

    @Benchmark
    @Threads(2)
    public Breaker.Outcome contended(Shared state) {
        Breaker.Outcome outcome = state.breaker.acquire(NOTHING);
        state.breaker.release();
        return outcome;
    }

    @Benchmark
    public int queued(Single state) {
        Breaker breaker = state.breaker;
        breaker.acquire(state.onAdmit);
        Breaker.Outcome waiting = breaker.acquire(state.onAdmit);
        if (waiting != Breaker.Outcome.QUEUED) {
            throw new IllegalStateException("expected the second request to queue, got " + waiting);
        }
        breaker.release();
        breaker.release();
        return state.admitted;
    }
}
