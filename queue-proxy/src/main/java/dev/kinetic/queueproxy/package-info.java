/**
 * The queue-proxy sidecar: the concurrency breaker, the per-second stats the autoscaler scrapes, and (next) the
 * proxy, timeouts, readiness and drain around them. No Kubernetes client and no Kafka may enter this module.
 */
package dev.kinetic.queueproxy;
