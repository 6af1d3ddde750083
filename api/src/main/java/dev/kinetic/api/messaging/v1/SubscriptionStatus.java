package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.AuthStatus;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import dev.kinetic.api.duck.v1.StatusLifecycle;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a Subscription ({@code messaging/v1.SubscriptionStatus}) and its lifecycle. OIDC is not
 * implemented, so {@code OIDCIdentityCreated} is not part of the set.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriptionStatus extends Status implements StatusLifecycle {
    /** The subscriber, reply and dead-letter sink resolved to URLs. */
    public static final String REFERENCES_RESOLVED = "ReferencesResolved";
    /** The channel's spec lists this Subscription. */
    public static final String ADDED_TO_CHANNEL = "AddedToChannel";
    /** The channel reports this Subscription ready. */
    public static final String CHANNEL_READY = "ChannelReady";

    public static final ConditionSet CONDITIONS =
            ConditionSet.living(REFERENCES_RESOLVED, ADDED_TO_CHANNEL, CHANNEL_READY);

    private SubscriptionStatusPhysicalSubscription physicalSubscription;
    private AuthStatus auth;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /** Records the resolved addresses and marks ReferencesResolved True. */
    public void markReferencesResolved(SubscriptionStatusPhysicalSubscription resolved) {
        physicalSubscription = resolved;
        CONDITIONS.manage(this).markTrue(REFERENCES_RESOLVED);
    }

    public void markReferencesNotResolved(String reason, String message) {
        CONDITIONS.manage(this).markFalse(REFERENCES_RESOLVED, reason, message);
    }

    public void markReferencesResolvedUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(REFERENCES_RESOLVED, reason, message);
    }

    public void markAddedToChannel() {
        CONDITIONS.manage(this).markTrue(ADDED_TO_CHANNEL);
    }

    public void markNotAddedToChannel(String reason, String message) {
        CONDITIONS.manage(this).markFalse(ADDED_TO_CHANNEL, reason, message);
    }

    public void markChannelReady() {
        CONDITIONS.manage(this).markTrue(CHANNEL_READY);
    }

    public void markChannelFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CHANNEL_READY, reason, message);
    }

    public void markChannelUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(CHANNEL_READY, reason, message);
    }
}
