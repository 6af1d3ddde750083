package dev.kinetic.eventing.broker.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Process settings of the broker controller (the user-facing Kafka settings are in each Broker's ConfigMap). */
@ConfigMapping(prefix = "kinetic")
public interface BrokerControllerSettings {

    /** The namespace Kinetic is installed in: the contract ConfigMap and the receiver's Service live there. */
    @WithDefault("kinetic-system")
    String systemNamespace();

    /** The host brokers are addressed at; a broker's URL is {@code http://{host}/{namespace}/{name}}. */
    @WithDefault("kinetic-broker-receiver.kinetic-system.svc.cluster.local")
    String receiverHost();

    /** The receiver's Service in the system namespace, whose ready endpoints are probed for each broker. */
    @WithDefault("kinetic-broker-receiver")
    String receiverService();

    /** The ConfigMap in the system namespace holding the data-plane contract (key {@code data}). */
    @WithDefault("kafka-broker-brokers-triggers")
    String contractConfigMap();

    /** The ConfigMap in the system namespace a Broker without {@code spec.config} is configured by. */
    @WithDefault("kafka-broker-config")
    String defaultBrokerConfigMap();

    /** Bootstrap servers for a Broker whose ConfigMap names none; without them such a Broker's config is invalid. */
    Optional<String> defaultBootstrapServers();

    /** The cluster's DNS domain, for the URLs of core Services. */
    @WithDefault("cluster.local")
    String clusterDomain();

    /** How often every object is reconciled even without an event. */
    @WithDefault("PT10M")
    Duration resyncInterval();

    /** How soon a Trigger or Broker waiting on something (a subscriber's address, the broker) is looked at again. */
    @WithDefault("PT5S")
    Duration waitingRetryInterval();

    /** The first delay after a transient failure (Kafka or the API unreachable); it doubles up to the maximum. */
    @WithDefault("PT1S")
    Duration backoffInitial();

    /** The longest delay between attempts after transient failures. */
    @WithDefault("PT1M")
    Duration backoffMax();

    /** How long one Kafka admin call may take before it counts as a transient failure. */
    @WithDefault("PT10S")
    Duration kafkaTimeout();

    /** How long the probe of one receiver endpoint may take. */
    @WithDefault("PT2S")
    Duration probeTimeout();
}
