package dev.kinetic.api.messaging.v1beta1;

import dev.kinetic.api.messaging.v1.Channelables;

/** The Kafka extension's defaults for a KafkaChannel ({@code kafka_channel_defaults.go}). */
public final class KafkaChannelDefaults {
    private KafkaChannelDefaults() {}

    public static final int DEFAULT_NUM_PARTITIONS = 1;
    public static final int DEFAULT_REPLICATION_FACTOR = 1;
    /** One week, Kafka's own default retention. */
    public static final String DEFAULT_RETENTION_DURATION = "PT168H";

    /** Zero counts as unset, as in Knative, where the fields are plain integers. */
    public static void setDefaults(KafkaChannel channel) {
        if (channel.getSpec() == null) {
            channel.setSpec(new KafkaChannelSpec());
        }
        KafkaChannelSpec spec = channel.getSpec();
        if (spec.getNumPartitions() == null || spec.getNumPartitions() == 0) {
            spec.setNumPartitions(DEFAULT_NUM_PARTITIONS);
        }
        if (spec.getReplicationFactor() == null || spec.getReplicationFactor() == 0) {
            spec.setReplicationFactor(DEFAULT_REPLICATION_FACTOR);
        }
        if (spec.getRetentionDuration() == null || spec.getRetentionDuration().isEmpty()) {
            spec.setRetentionDuration(DEFAULT_RETENTION_DURATION);
        }
        Channelables.setDefaults(channel, spec);
    }
}
