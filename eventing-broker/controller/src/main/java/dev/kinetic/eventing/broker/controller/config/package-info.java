/**
 * The user-facing Kafka broker configuration ({@code kafka-broker-config}), parsed by a pure {@code fromMap}.
 */
package dev.kinetic.eventing.broker.controller.config;
