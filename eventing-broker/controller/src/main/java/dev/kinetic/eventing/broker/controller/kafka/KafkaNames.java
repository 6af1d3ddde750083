package dev.kinetic.eventing.broker.controller.kafka;

/** Knative's names for a Broker's topic and a Trigger's consumer group. */
public final class KafkaNames {
    private KafkaNames() {}

    /** {@code knative-broker-{namespace}-{name}}. */
    public static String brokerTopic(String namespace, String name) {
        return "knative-broker-" + namespace + "-" + name;
    }

    /** {@code knative-trigger-{namespace}-{name}}. */
    public static String triggerConsumerGroup(String namespace, String name) {
        return "knative-trigger-" + namespace + "-" + name;
    }
}
