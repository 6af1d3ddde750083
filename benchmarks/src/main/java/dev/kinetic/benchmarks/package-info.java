/**
 * Performance measurements of the data plane: JMH benchmarks of its hot paths ({@link
 * dev.kinetic.benchmarks.BreakerBenchmark}, {@link dev.kinetic.benchmarks.LoadBalancerPickBenchmark}), and the two
 * programs {@code benchmarks/run.sh} starts for the end-to-end proxy benchmark: {@link
 * dev.kinetic.benchmarks.StubApp}, the user container, and {@link dev.kinetic.benchmarks.FakeApiServer}, the API
 * server the activator reads.
 */
package dev.kinetic.benchmarks;
