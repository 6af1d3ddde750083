/**
 * Kafka administration for brokers: the names of topics and consumer groups, one admin client per cluster, and the
 * topic and consumer-group operations the reconcilers need, with failures split into the user's (a missing external
 * topic) and transient ones ({@link dev.kinetic.eventing.broker.controller.kafka.KafkaUnavailableException}).
 */
package dev.kinetic.eventing.broker.controller.kafka;
