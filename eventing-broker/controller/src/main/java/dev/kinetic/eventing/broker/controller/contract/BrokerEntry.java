package dev.kinetic.eventing.broker.controller.contract;

import dev.kinetic.eventing.core.contract.EgressConfig;

/**
 * A Broker the data plane serves, with everything already resolved: its config parsed and its topic ready.
 *
 * @param uid the Broker's uid
 * @param namespace the Broker's namespace
 * @param name the Broker's name
 * @param topic the Kafka topic its receiver writes to
 * @param bootstrapServers Kafka's bootstrap servers, comma separated
 * @param egressConfig the Broker's {@code spec.delivery}, the default of its Triggers
 */
public record BrokerEntry(
        String uid, String namespace, String name, String topic, String bootstrapServers, EgressConfig egressConfig) {}
