/**
 * The queue-proxy sidecar: proxies a revision pod's traffic to the user container through the concurrency breaker
 * and the revision's timeouts, runs the user's readiness probe, publishes the per-second stat the autoscaler
 * scrapes and Prometheus request metrics, and drains gracefully on SIGTERM. No Kubernetes client and no Kafka may
 * enter this module (an enforcer rule in its pom checks it).
 */
package dev.kinetic.queueproxy;
