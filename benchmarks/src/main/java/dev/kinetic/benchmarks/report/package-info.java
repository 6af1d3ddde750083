/**
 * Turns the raw measurements {@code benchmarks/run.sh} collects (wrk runs, startup times, RSS, JMH output, JFR
 * recordings) into {@code docs/benchmarks.md}: medians over the interleaved rounds, ratios to the nginx hop measured
 * in the same run, and a verdict for each target. Pure functions over plain records, except {@link
 * dev.kinetic.benchmarks.report.BenchmarkReport}, which reads and writes the files.
 */
package dev.kinetic.benchmarks.report;
