package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.AddressLifecycle;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeadLetterSinkLifecycle;
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
public class InMemoryChannelStatus extends ChannelableStatus implements AddressLifecycle, DeadLetterSinkLifecycle {
    public static final String DISPATCHER_READY = "DispatcherReady";
    public static final String SERVICE_READY = "ServiceReady";
    public static final String ENDPOINTS_READY = "EndpointsReady";
    public static final String CHANNEL_SERVICE_READY = "ChannelServiceReady";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            DISPATCHER_READY,
            SERVICE_READY,
            ENDPOINTS_READY,
            ADDRESSABLE,
            CHANNEL_SERVICE_READY,
            DEAD_LETTER_SINK_RESOLVED);

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    public void markAddress(Addressable address) {
        markAddress(address, "EmptyHostname", "hostname is the empty string");
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
}
