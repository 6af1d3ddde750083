/**
 * The broker dispatcher: for each Trigger in the contract, one Kafka consumer group on the broker's topic that
 * filters, delivers to the subscriber with retries and backoff, dead-letters what cannot be delivered, produces
 * replies back to the broker's topic (with the {@code knativebrokerttl} loop protection) and commits only offsets
 * whose events are done.
 */
package dev.kinetic.eventing.broker.dispatcher;
