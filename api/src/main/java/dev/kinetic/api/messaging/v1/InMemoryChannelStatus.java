package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import java.util.List;
import java.util.Objects;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of an InMemoryChannel and its lifecycle, with Knative's condition set minus
 * {@code EventPoliciesReady} (EventPolicies are not implemented).
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InMemoryChannelStatus extends ChannelableStatus {
    public static final String DISPATCHER_READY = "DispatcherReady";
    public static final String SERVICE_READY = "ServiceReady";
    public static final String ENDPOINTS_READY = "EndpointsReady";
    public static final String ADDRESSABLE = "Addressable";
    public static final String CHANNEL_SERVICE_READY = "ChannelServiceReady";
    public static final String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            DISPATCHER_READY,
            SERVICE_READY,
            ENDPOINTS_READY,
            ADDRESSABLE,
            CHANNEL_SERVICE_READY,
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
            CONDITIONS.manage(this).markFalse(ADDRESSABLE, "EmptyHostname", "hostname is the empty string");
            return;
        }
        setAddress(address);
        setAddresses(List.of(address));
        CONDITIONS.manage(this).markTrue(ADDRESSABLE);
    }

    public void markDispatcherReady() {
        CONDITIONS.manage(this).markTrue(DISPATCHER_READY);
    }

    public void markDispatcherFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(DISPATCHER_READY, reason, message);
    }

    public void markServiceReady() {
        CONDITIONS.manage(this).markTrue(SERVICE_READY);
    }

    public void markServiceFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(SERVICE_READY, reason, message);
    }

    public void markEndpointsReady() {
        CONDITIONS.manage(this).markTrue(ENDPOINTS_READY);
    }

    public void markEndpointsFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(ENDPOINTS_READY, reason, message);
    }

    public void markChannelServiceReady() {
        CONDITIONS.manage(this).markTrue(CHANNEL_SERVICE_READY);
    }

    public void markChannelServiceFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CHANNEL_SERVICE_READY, reason, message);
    }

    public void markDeadLetterSinkResolved(Addressable resolved) {
        setDeadLetterSinkUri(resolved.getUrl());
        setDeadLetterSinkCaCerts(resolved.getCaCerts());
        setDeadLetterSinkAudience(resolved.getAudience());
        CONDITIONS.manage(this).markTrue(DEAD_LETTER_SINK_RESOLVED);
    }

    /** No dead-letter sink is configured, which is fine: True with reason {@code DeadLetterSinkNotConfigured}. */
    public void markDeadLetterSinkNotConfigured() {
        setDeadLetterSinkUri(null);
        setDeadLetterSinkCaCerts(null);
        setDeadLetterSinkAudience(null);
        CONDITIONS
                .manage(this)
                .markTrueWithReason(
                        DEAD_LETTER_SINK_RESOLVED, "DeadLetterSinkNotConfigured", "No dead letter sink is configured.");
    }

    public void markDeadLetterSinkResolvedFailed(String reason, String message) {
        setDeadLetterSinkUri(null);
        setDeadLetterSinkCaCerts(null);
        setDeadLetterSinkAudience(null);
        CONDITIONS.manage(this).markFalse(DEAD_LETTER_SINK_RESOLVED, reason, message);
    }
}
