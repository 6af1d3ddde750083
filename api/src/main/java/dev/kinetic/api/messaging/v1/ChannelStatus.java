package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.AddressLifecycle;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeadLetterSinkLifecycle;
import dev.kinetic.api.duck.v1.KReference;
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
public class ChannelStatus extends ChannelableStatus implements AddressLifecycle, DeadLetterSinkLifecycle {
    public static final String BACKING_CHANNEL_READY = "BackingChannelReady";

    public static final ConditionSet CONDITIONS =
            ConditionSet.living(BACKING_CHANNEL_READY, ADDRESSABLE, DEAD_LETTER_SINK_RESOLVED);

    /** The backing channel. */
    private KReference channel;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /** Publishes the address and marks Addressable, False when there is no URL. */
    public void markAddress(Addressable address) {
        markAddress(address, "EmptyHostname", "hostname is the empty string");
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
}
