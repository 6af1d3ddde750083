/**
 * Kafka for the eventing data plane: {@link dev.kinetic.eventing.core.kafka.KafkaSettings} (the producer and
 * consumer properties receivers and dispatchers use), {@link dev.kinetic.eventing.core.kafka.OffsetTracker} (which
 * offsets are finished, and the contiguous prefix that may be committed) and {@link
 * dev.kinetic.eventing.core.kafka.EgressConsumer}, the dispatcher engine that consumes one egress's consumer group
 * on its own thread, hands each CloudEvent to a handler, ordered or unordered, and commits only what is finished.
 */
package dev.kinetic.eventing.core.kafka;
