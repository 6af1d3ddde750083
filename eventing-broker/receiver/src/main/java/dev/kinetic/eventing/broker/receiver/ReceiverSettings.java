package dev.kinetic.eventing.broker.receiver;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The receiver's process settings. */
@ConfigMapping(prefix = "kinetic")
public interface ReceiverSettings {
    /** The namespace of the contract ConfigMap. */
    @WithDefault("kinetic-system")
    String systemNamespace();

    /** The contract ConfigMap the broker controller writes. */
    @WithDefault("kafka-broker-brokers-triggers")
    String contractConfigMap();

    /** The receiver's own settings. */
    Receiver receiver();

    /** Settings of the receiver proper. */
    interface Receiver {
        /** The largest request body accepted; a larger one gets 413. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /**
         * How many events may wait for Kafka's acknowledgement at once, across all brokers; beyond that a request
         * gets 503 at once instead of queueing without bound while Kafka is slow or away.
         */
        @WithDefault("10000")
        int maxPending();

        /** How long shutdown waits for pending events to be acknowledged. */
        @WithDefault("30s")
        Duration drainTimeout();

        /** Kafka producer properties that override the receiver's defaults (e.g. {@code linger.ms}). */
        Map<String, String> producer();
    }
}
