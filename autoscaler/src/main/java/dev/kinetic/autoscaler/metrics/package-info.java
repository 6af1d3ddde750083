/** Windowed metric aggregation over one-second buckets and the pod sampling arithmetic; pure, every method takes now. */
package dev.kinetic.autoscaler.metrics;
