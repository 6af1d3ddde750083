package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.KReference;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a generic Channel ({@code messaging/v1.ChannelStatus}) and its lifecycle, mostly copied from
 * the backing channel.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelStatus extends ChannelableStatus {
    public static final String BACKING_CHANNEL_READY = "BackingChannelReady";
    public static final String ADDRESSABLE = "Addressable";
    public static final String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";

    public static final ConditionSet CONDITIONS =
            ConditionSet.living(BACKING_CHANNEL_READY, ADDRESSABLE, DEAD_LETTER_SINK_RESOLVED);

    /** The backing channel. */
    private KReference channel;

    public void initializeConditions() {
        CONDITIONS.manage(this).initialize();
    }

    /** Ready is True and the controller has acted on {@code generation}. */
    @JsonIgnore
    public boolean isReady(Long generation) {
        return CONDITIONS.manage(this).isHappy() && Objects.equals(getObservedGeneration(), generation);
    }

    /** Publishes the address and marks Addressable, False when there is no URL. */
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

    public void markBackingChannelReady() {
        CONDITIONS.manage(this).markTrue(BACKING_CHANNEL_READY);
    }

    public void markBackingChannelFailed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(BACKING_CHANNEL_READY, reason, message);
    }

    public void markBackingChannelUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(BACKING_CHANNEL_READY, reason, message);
    }

    public void markBackingChannelNotConfigured() {
        markBackingChannelUnknown("BackingChannelNotConfigured", "BackingChannel has not yet been reconciled.");
    }

    /**
     * Takes over what the backing channel reports: its Ready condition becomes BackingChannelReady, its address and
     * subscriber statuses become this Channel's.
     */
    public void propagateStatuses(ChannelableStatus backing) {
        Optional<Condition> ready = backing.condition(ConditionSet.READY);
        if (ready.isEmpty()) {
            markBackingChannelNotConfigured();
        } else if (ready.get().isTrue()) {
            markBackingChannelReady();
        } else if (ready.get().isFalse()) {
            markBackingChannelFailed(ready.get().getReason(), ready.get().getMessage());
        } else {
            markBackingChannelUnknown(ready.get().getReason(), ready.get().getMessage());
        }
        markAddress(backing.getAddress());
        setSubscribers(backing.getSubscribers());
    }

    public void markDeadLetterSinkResolved(String uri) {
        markDeadLetterSinkResolved(new Addressable().setUrl(uri));
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
