/**
 * Delivery of an event to a subscriber, as Knative's Kafka dispatcher does it: which responses are retried ({@link
 * dev.kinetic.eventing.core.delivery.Retryable}), how long to wait ({@link
 * dev.kinetic.eventing.core.delivery.Backoff}, {@link dev.kinetic.eventing.core.delivery.RetryAfter}), what a
 * dead-letter sink receives ({@link dev.kinetic.eventing.core.delivery.DeadLetterExtensions}) - pure rules - and the
 * non-blocking HTTP sender ({@link dev.kinetic.eventing.core.delivery.EventSender}) and retry loop ({@link
 * dev.kinetic.eventing.core.delivery.Delivery}) built on them with Vert.x.
 */
package dev.kinetic.eventing.core.delivery;
