package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.AuthStatus;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeadLetterSinkLifecycle;
import dev.kinetic.api.duck.v1.Status;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a Trigger ({@code eventing/v1.TriggerStatus}) and its lifecycle. OIDC is not implemented, so
 * Knative's {@code OIDCIdentityCreated} is not part of the set.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerStatus extends Status implements DeadLetterSinkLifecycle {
    public static final String BROKER_READY = "BrokerReady";
    /** For a Kafka broker: the Trigger's consumer group is running. */
    public static final String SUBSCRIPTION_READY = "SubscriptionReady";
    /** The source named by the {@code knative.dev/dependency} annotation is ready (True when there is none). */
    public static final String DEPENDENCY_READY = "DependencyReady";

    public static final String SUBSCRIBER_RESOLVED = "SubscriberResolved";

    public static final ConditionSet CONDITIONS = ConditionSet.living(
            BROKER_READY, SUBSCRIPTION_READY, DEPENDENCY_READY, SUBSCRIBER_RESOLVED, DEAD_LETTER_SINK_RESOLVED);

    private String subscriberUri;

    @JsonProperty("subscriberCACerts")
    private String subscriberCaCerts;

    private String subscriberAudience;
    private String deadLetterSinkUri;

    @JsonProperty("deadLetterSinkCACerts")
    private String deadLetterSinkCaCerts;

    private String deadLetterSinkAudience;
    private AuthStatus auth;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /** Copies the Broker's Ready condition into BrokerReady. */
    public void propagateBrokerCondition(Condition brokerReady) {
        if (brokerReady == null) {
            markBrokerNotConfigured();
        } else if (brokerReady.isTrue()) {
            markBrokerReady();
        } else if (brokerReady.isFalse()) {
            markBrokerFailed(brokerReady.getReason(), brokerReady.getMessage());
        } else {
            markBrokerUnknown(brokerReady.getReason(), brokerReady.getMessage());
        }
    }

    public void markBrokerReady() {
        CONDITIONS.manage(this).markTrue(BROKER_READY);
    }

    public void markBrokerFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(BROKER_READY, reason, message);
    }

    public void markBrokerUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(BROKER_READY, reason, message);
    }

    public void markBrokerNotConfigured() {
        markBrokerUnknown("BrokerNotConfigured", "Broker has not yet been reconciled.");
    }

    public void markSubscriptionReady() {
        CONDITIONS.manage(this).markTrue(SUBSCRIPTION_READY);
    }

    public void markNotSubscribed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(SUBSCRIPTION_READY, reason, message);
    }

    public void markSubscribedUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(SUBSCRIPTION_READY, reason, message);
    }

    public void markSubscriptionNotConfigured() {
        markSubscribedUnknown("SubscriptionNotConfigured", "Subscription has not yet been reconciled.");
    }

    /** The dependency is ready, or the Trigger names none. */
    public void markDependencySucceeded() {
        CONDITIONS.manage(this).markTrue(DEPENDENCY_READY);
    }

    public void markDependencyFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(DEPENDENCY_READY, reason, message);
    }

    public void markDependencyUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(DEPENDENCY_READY, reason, message);
    }

    public void markDependencyNotConfigured() {
        markDependencyUnknown("DependencyNotConfigured", "Dependency has not yet been reconciled.");
    }

    public void markSubscriberResolved(String uri) {
        markSubscriberResolved(new Addressable().setUrl(uri));
    }

    /** Records the subscriber's resolved address and marks SubscriberResolved True. */
    public void markSubscriberResolved(Addressable resolved) {
        subscriberUri = resolved.getUrl();
        subscriberCaCerts = resolved.getCaCerts();
        subscriberAudience = resolved.getAudience();
        CONDITIONS.manage(this).markTrue(SUBSCRIBER_RESOLVED);
    }

    public void markSubscriberResolvedFailed(String reason, String message) {
        clearSubscriber();
        CONDITIONS.manage(this).markFalse(SUBSCRIBER_RESOLVED, reason, message);
    }

    public void markSubscriberResolvedUnknown(String reason, String message) {
        clearSubscriber();
        CONDITIONS.manage(this).markUnknown(SUBSCRIBER_RESOLVED, reason, message);
    }

    private void clearSubscriber() {
        subscriberUri = null;
        subscriberCaCerts = null;
        subscriberAudience = null;
    }
}
