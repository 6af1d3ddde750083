/**
 * The heap an idle revision costs the autoscaler and the activator, measured on the real processes: {@link
 * dev.kinetic.benchmarks.heap.IdleRevisionHeap} fills a fake API server with idle revisions ({@link
 * dev.kinetic.benchmarks.heap.IdleRevisions}), starts each component against it, waits until it has seen them all
 * and reads its heap with {@code jcmd} ({@link dev.kinetic.benchmarks.heap.JvmMemory}). run.sh runs it; the report
 * shows it through {@link dev.kinetic.benchmarks.report.IdleHeap}.
 */
package dev.kinetic.benchmarks.heap;
