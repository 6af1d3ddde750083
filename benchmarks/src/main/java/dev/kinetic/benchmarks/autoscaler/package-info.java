/**
 * JMH benchmarks of the autoscaler's pure core: one {@link dev.kinetic.autoscaler.scaling.Decider#decide} ({@link
 * dev.kinetic.benchmarks.autoscaler.DeciderBenchmark}) and a whole tick over 10,000 revisions, windows included
 * ({@link dev.kinetic.benchmarks.autoscaler.TickBenchmark}). run.sh runs them with the GC profiler, so the report
 * shows bytes allocated per operation beside the time.
 */
package dev.kinetic.benchmarks.autoscaler;
