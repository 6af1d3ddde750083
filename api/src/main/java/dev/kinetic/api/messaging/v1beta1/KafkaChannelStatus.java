package dev.kinetic.api.messaging.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.messaging.v1.ChannelableStatus;
import java.util.List;
import java.util.Objects;
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
public class KafkaChannelStatus extends ChannelableStatus {
    public static final String ADDRESSABLE = "Addressable";
    /** The Kafka configuration was found and parsed. */
    public static final String CONFIGURATION_READY = "ConfigurationReady";
    /** The channel's topic exists. */
    public static final String TOPIC_READY = "TopicReady";
    /** The {@code <name>-kn-channel} Service points at the receivers. */
    public static final String CHANNEL_SERVICE_READY = "ChannelServiceReady";

    public static final String DATA_PLANE_AVAILABLE = "DataPlaneAvailable";
    public static final String CONFIG_MAP_UPDATED = "ConfigMapUpdated";
    public static final String PROBE_SUCCEEDED = "ProbeSucceeded";
    public static final String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            ADDRESSABLE,
            CONFIGURATION_READY,
            TOPIC_READY,
            CHANNEL_SERVICE_READY,
            DATA_PLANE_AVAILABLE,
            CONFIG_MAP_UPDATED,
            PROBE_SUCCEEDED,
            DEAD_LETTER_SINK_RESOLVED);

    public void initializeConditions() {
        CONDITIONS.manage(this).initialize();
    }

    /** Ready is True and the controller has acted on {@code generation}. */
    @JsonIgnore
    public boolean isReady(Long generation) {
        return CONDITIONS.manage(this).isHappy() && Objects.equals(getObservedGeneration(), generation);
    }

    public void markAddress(Addressable address) {
        if (address == null || address.getUrl() == null || address.getUrl().isEmpty()) {
            setAddress(null);
            setAddresses(null);
            CONDITIONS.manage(this).markFalse(ADDRESSABLE, "EmptyURL", "URL is nil");
            return;
        }
        setAddress(address);
        setAddresses(List.of(address));
        CONDITIONS.manage(this).markTrue(ADDRESSABLE);
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

    public void markDataPlaneAvailable() {
        CONDITIONS.manage(this).markTrue(DATA_PLANE_AVAILABLE);
    }

    public void markDataPlaneNotAvailable(String reason, String message) {
        CONDITIONS.manage(this).markFalse(DATA_PLANE_AVAILABLE, reason, message);
    }

    public void markConfigMapUpdated() {
        CONDITIONS.manage(this).markTrue(CONFIG_MAP_UPDATED);
    }

    public void markConfigMapFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONFIG_MAP_UPDATED, reason, message);
    }

    public void markProbeSucceeded() {
        CONDITIONS.manage(this).markTrue(PROBE_SUCCEEDED);
    }

    public void markProbeFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(PROBE_SUCCEEDED, reason, message);
    }

    public void markProbeUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(PROBE_SUCCEEDED, reason, message);
    }

    public void markDeadLetterSinkResolved(Addressable resolved) {
        setDeadLetterSinkUri(resolved.getUrl());
        setDeadLetterSinkCaCerts(resolved.getCaCerts());
        setDeadLetterSinkAudience(resolved.getAudience());
        CONDITIONS.manage(this).markTrue(DEAD_LETTER_SINK_RESOLVED);
    }

    /** No dead-letter sink is configured, which is fine: True with reason {@code DeadLetterSinkNotConfigured}. */
    public void markDeadLetterSinkNotConfigured() {
        clearDeadLetterSink();
        CONDITIONS
                .manage(this)
                .markTrueWithReason(
                        DEAD_LETTER_SINK_RESOLVED, "DeadLetterSinkNotConfigured", "No dead letter sink is configured.");
    }

    public void markDeadLetterSinkResolvedFailed(String reason, String message) {
        clearDeadLetterSink();
        CONDITIONS.manage(this).markFalse(DEAD_LETTER_SINK_RESOLVED, reason, message);
    }

    private void clearDeadLetterSink() {
        setDeadLetterSinkUri(null);
        setDeadLetterSinkCaCerts(null);
        setDeadLetterSinkAudience(null);
    }
}
