package dev.kinetic.api.sources.v1beta1;

import dev.kinetic.api.eventing.EventingDefaults;

/** The Kafka extension's defaults for a KafkaSource ({@code kafka_defaults.go}). */
public final class KafkaSourceDefaults {
    private KafkaSourceDefaults() {}

    public static final String CONSUMER_GROUP_PREFIX = "knative-kafka-source-";

    /**
     * One consumer, the latest offset, ordered delivery; the consumer group from the UID when the source has one.
     * Knative draws a random UUID instead, which makes the defaulting impure; the UID is just as unique and stable.
     */
    public static void setDefaults(KafkaSource source) {
        if (source.getSpec() == null) {
            source.setSpec(new KafkaSourceSpec());
        }
        KafkaSourceSpec spec = source.getSpec();
        String uid = source.getMetadata() == null ? null : source.getMetadata().getUid();
        if ((spec.getConsumerGroup() == null || spec.getConsumerGroup().isEmpty()) && uid != null && !uid.isEmpty()) {
            spec.setConsumerGroup(consumerGroup(uid));
        }
        if (spec.getConsumers() == null) {
            spec.setConsumers(1);
        }
        if (spec.getInitialOffset() == null || spec.getInitialOffset().isEmpty()) {
            spec.setInitialOffset(KafkaSourceSpec.OFFSET_LATEST);
        }
        if (spec.getOrdering() == null || spec.getOrdering().isEmpty()) {
            spec.setOrdering(KafkaSourceSpec.ORDERED);
        }
        String namespace = EventingDefaults.namespaceOf(source);
        EventingDefaults.namespace(spec.getSink(), namespace);
        EventingDefaults.namespace(spec.getDelivery(), namespace);
    }

    /** The consumer group of a source without one, also what the controller uses while it is unset. */
    public static String consumerGroup(String uid) {
        return CONSUMER_GROUP_PREFIX + uid;
    }
}
