/**
 * {@code sources.knative.dev/v1}: PingSource, ApiServerSource, SinkBinding and ContainerSource, the validation and
 * lifecycle steps sources share, and the cron schedule parser PingSource validation uses.
 */
package dev.kinetic.api.sources.v1;
