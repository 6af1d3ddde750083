package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * A channel's events to a subscriber, the subscriber's replies to {@link #reply} ({@code messaging/v1.SubscriptionSpec}).
 * Without a subscriber the events go straight to the reply destination.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriptionSpec {
    /** The channel, in the Subscription's namespace; immutable. */
    private KReference channel;

    private Destination subscriber;
    private Destination reply;
    private DeliverySpec delivery;
}
