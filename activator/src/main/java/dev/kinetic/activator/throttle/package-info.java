/**
 * Per-pod throttling and load balancing, Vert.x-free so it can be table-tested and benchmarked on its own: a
 * {@link dev.kinetic.activator.throttle.PodTracker} counts one pod's requests in flight against its
 * containerConcurrency, a {@link dev.kinetic.activator.throttle.LoadBalancingPolicy} picks and reserves a pod, and a
 * {@link dev.kinetic.activator.throttle.RevisionThrottler} queues a revision's requests while every pod is full or
 * none is ready. Everything here is lock-free and safe to call from any thread.
 */
package dev.kinetic.activator.throttle;
