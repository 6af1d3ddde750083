package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kinetic.api.duck.v1.AddressStatus;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DuckValidation;
import java.net.URI;
import java.util.List;
import java.util.Objects;
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
public class BrokerStatus extends AddressStatus {
    public static final String ADDRESSABLE = "Addressable";
    /** Receiver and dispatcher pods exist. */
    public static final String DATA_PLANE_AVAILABLE = "DataPlaneAvailable";
    /** The broker's Kafka topic exists. */
    public static final String TOPIC_READY = "TopicReady";
    /** The data-plane contract ConfigMap carries this broker. */
    public static final String CONFIG_MAP_UPDATED = "ConfigMapUpdated";
    /** {@code spec.config} was found and parsed. */
    public static final String CONFIG_PARSED = "ConfigParsed";
    /** The receivers answered a probe for this broker's path. */
    public static final String PROBE_SUCCEEDED = "ProbeSucceeded";

    public static final String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";

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

    public void initializeConditions() {
        CONDITIONS.manage(this).initialize();
    }

    /** Ready is True and the controller has acted on {@code generation}. */
    @JsonIgnore
    public boolean isReady(Long generation) {
        return CONDITIONS.manage(this).isHappy() && Objects.equals(getObservedGeneration(), generation);
    }

    /**
     * Publishes the broker's address ({@code address.name} is the URL scheme, as Knative sets it) and marks
     * Addressable; a missing URL makes the broker not addressable.
     */
    public void markAddress(Addressable address) {
        if (address == null || address.getUrl() == null || address.getUrl().isEmpty()) {
            setAddress(null);
            setAddresses(null);
            CONDITIONS.manage(this).markFalse(ADDRESSABLE, "NoAddress", "The broker has no URL.");
            return;
        }
        if (address.getName() == null) {
            DuckValidation.parseUri(address.getUrl()).map(URI::getScheme).ifPresent(address::setName);
        }
        setAddress(address);
        setAddresses(List.of(address));
        CONDITIONS.manage(this).markTrue(ADDRESSABLE);
    }

    public void markDataPlaneAvailable() {
        CONDITIONS.manage(this).markTrue(DATA_PLANE_AVAILABLE);
    }

    public void markDataPlaneNotAvailable(String reason, String message) {
        CONDITIONS.manage(this).markFalse(DATA_PLANE_AVAILABLE, reason, message);
    }

    public void markTopicReady() {
        CONDITIONS.manage(this).markTrue(TOPIC_READY);
    }

    public void markTopicFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(TOPIC_READY, reason, message);
    }

    public void markConfigMapUpdated() {
        CONDITIONS.manage(this).markTrue(CONFIG_MAP_UPDATED);
    }

    public void markConfigMapFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONFIG_MAP_UPDATED, reason, message);
    }

    public void markConfigParsed() {
        CONDITIONS.manage(this).markTrue(CONFIG_PARSED);
    }

    public void markConfigNotParsed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONFIG_PARSED, reason, message);
    }

    public void markProbeSucceeded() {
        CONDITIONS.manage(this).markTrue(PROBE_SUCCEEDED);
    }

    public void markProbeFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(PROBE_SUCCEEDED, reason, message);
    }

    /** The probe has not answered yet: not a failure, the broker is still coming up. */
    public void markProbeUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(PROBE_SUCCEEDED, reason, message);
    }

    public void markDeadLetterSinkResolved(String uri) {
        markDeadLetterSinkResolved(new Addressable().setUrl(uri));
    }

    public void markDeadLetterSinkResolved(Addressable resolved) {
        deadLetterSinkUri = resolved.getUrl();
        deadLetterSinkCaCerts = resolved.getCaCerts();
        deadLetterSinkAudience = resolved.getAudience();
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
        deadLetterSinkUri = null;
        deadLetterSinkCaCerts = null;
        deadLetterSinkAudience = null;
    }
}
