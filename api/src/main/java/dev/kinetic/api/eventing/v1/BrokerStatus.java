package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kinetic.api.duck.v1.AddressLifecycle;
import dev.kinetic.api.duck.v1.AddressStatus;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DataPlaneLifecycle;
import dev.kinetic.api.duck.v1.DeadLetterSinkLifecycle;
import dev.kinetic.api.duck.v1.DuckValidation;
import java.net.URI;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a Broker ({@code eventing/v1.BrokerStatus}) and its lifecycle.
 *
 * <p>Kinetic's brokers are Kafka-backed, so the condition set is the Kafka broker's rather than the channel-based
 * broker's ({@code IngressReady}, {@code TriggerChannelReady}, {@code FilterReady}): the config is parsed, the topic
 * exists, the data plane's contract ConfigMap carries the broker, receiver pods exist and answer a probe, and the
 * address is published. {@code DeadLetterSinkResolved} is included so a dead-letter sink that cannot be resolved keeps
 * the broker from claiming readiness it cannot honour. EventPolicies are not implemented, so
 * {@code EventPoliciesReady} is not part of the set.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerStatus extends AddressStatus
        implements AddressLifecycle, DataPlaneLifecycle, DeadLetterSinkLifecycle {
    /** The broker's Kafka topic exists. */
    public static final String TOPIC_READY = "TopicReady";
    /** {@code spec.config} was found and parsed. */
    public static final String CONFIG_PARSED = "ConfigParsed";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            ADDRESSABLE,
            DATA_PLANE_AVAILABLE,
            TOPIC_READY,
            CONFIG_MAP_UPDATED,
            CONFIG_PARSED,
            PROBE_SUCCEEDED,
            DEAD_LETTER_SINK_RESOLVED);

    private String deadLetterSinkUri;

    @JsonProperty("deadLetterSinkCACerts")
    private String deadLetterSinkCaCerts;

    private String deadLetterSinkAudience;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /**
     * Publishes the broker's address ({@code address.name} is the URL scheme, as Knative sets it) and marks
     * Addressable; a missing URL makes the broker not addressable.
     */
    public void markAddress(Addressable address) {
        boolean hasUrl =
                address != null && address.getUrl() != null && !address.getUrl().isEmpty();
        if (hasUrl && address.getName() == null) {
            DuckValidation.parseUri(address.getUrl()).map(URI::getScheme).ifPresent(address::setName);
        }
        markAddress(address, "NoAddress", "The broker has no URL.");
    }

    public void markTopicReady() {
        CONDITIONS.manage(this).markTrue(TOPIC_READY);
    }

    public void markTopicFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(TOPIC_READY, reason, message);
    }

    public void markConfigParsed() {
        CONDITIONS.manage(this).markTrue(CONFIG_PARSED);
    }

    public void markConfigNotParsed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONFIG_PARSED, reason, message);
    }
}
