package dev.kinetic.api.messaging.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.AddressLifecycle;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DataPlaneLifecycle;
import dev.kinetic.api.duck.v1.DeadLetterSinkLifecycle;
import dev.kinetic.api.messaging.v1.ChannelableStatus;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a KafkaChannel and its lifecycle. The set joins KafkaChannel's own conditions
 * ({@code ConfigurationReady}, {@code TopicReady}, {@code ChannelServiceReady}) with the ones our shared Kafka data
 * plane needs, like the broker's: the contract ConfigMap carries the channel, receiver pods exist and answer a probe.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaChannelStatus extends ChannelableStatus
        implements AddressLifecycle, DataPlaneLifecycle, DeadLetterSinkLifecycle {
    /** The Kafka configuration was found and parsed. */
    public static final String CONFIGURATION_READY = "ConfigurationReady";
    /** The channel's topic exists. */
    public static final String TOPIC_READY = "TopicReady";
    /** The {@code <name>-kn-channel} Service points at the receivers. */
    public static final String CHANNEL_SERVICE_READY = "ChannelServiceReady";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            ADDRESSABLE,
            CONFIGURATION_READY,
            TOPIC_READY,
            CHANNEL_SERVICE_READY,
            DATA_PLANE_AVAILABLE,
            CONFIG_MAP_UPDATED,
            PROBE_SUCCEEDED,
            DEAD_LETTER_SINK_RESOLVED);

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    public void markAddress(Addressable address) {
        markAddress(address, "EmptyURL", "URL is nil");
    }

    public void markConfigTrue() {
        CONDITIONS.manage(this).markTrue(CONFIGURATION_READY);
    }

    public void markConfigFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONFIGURATION_READY, reason, message);
    }

    public void markTopicTrue() {
        CONDITIONS.manage(this).markTrue(TOPIC_READY);
    }

    public void markTopicFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(TOPIC_READY, reason, message);
    }

    public void markChannelServiceTrue() {
        CONDITIONS.manage(this).markTrue(CHANNEL_SERVICE_READY);
    }

    public void markChannelServiceFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CHANNEL_SERVICE_READY, reason, message);
    }
}
