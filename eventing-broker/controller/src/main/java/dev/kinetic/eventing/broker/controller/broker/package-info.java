/**
 * The Broker reconciler (class {@code Kafka}): config, topic, dead-letter sink, contract, address and data-plane
 * phases, and the clean-up of the topic and the Triggers' consumer groups when a Broker is deleted.
 */
package dev.kinetic.eventing.broker.controller.broker;
