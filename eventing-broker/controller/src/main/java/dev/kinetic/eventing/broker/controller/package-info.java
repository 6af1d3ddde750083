/**
 * The Kafka broker controller: Broker (class {@code Kafka}) and Trigger reconcilers that create the brokers' topics,
 * resolve destinations, publish status and compile the data plane's contract ConfigMap; plus the admission endpoints
 * for the two kinds. Process settings are in {@link dev.kinetic.eventing.broker.controller.BrokerControllerSettings}.
 */
package dev.kinetic.eventing.broker.controller;
