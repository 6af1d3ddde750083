package dev.kinetic.eventing.broker.dispatcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The dispatcher's process settings. */
@ConfigMapping(prefix = "kinetic")
public interface DispatcherSettings {
    /** The namespace of the contract ConfigMap. */
    @WithDefault("kinetic-system")
    String systemNamespace();

    /** The contract ConfigMap the broker controller writes. */
    @WithDefault("kafka-broker-brokers-triggers")
    String contractConfigMap();

    /** The dispatcher's own settings. */
    Dispatcher dispatcher();

    /** Settings of the dispatcher proper. */
    interface Dispatcher {
        /** Events in flight per unordered Trigger (Knative: {@code max.poll.records}, 50). */
        @WithDefault("50")
        int maxInFlight();

        /** How often finished offsets are committed (they are also committed on revocation and shutdown). */
        @WithDefault("1s")
        Duration commitInterval();

        /** How long stopping a Trigger's consumer waits for its events in flight. */
        @WithDefault("10s")
        Duration closeTimeout();

        /** Kafka consumer properties that override the dispatcher's defaults. */
        Map<String, String> consumer();

        /** Kafka producer properties (for replies) that override the defaults. */
        Map<String, String> producer();

        /** Maximum HTTP connections per subscriber host. */
        @WithDefault("100")
        int maxPoolSize();
    }
}
