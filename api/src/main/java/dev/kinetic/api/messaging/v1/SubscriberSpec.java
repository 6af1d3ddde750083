package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kinetic.api.duck.v1.AuthStatus;
import dev.kinetic.api.duck.v1.DeliverySpec;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * One subscriber of a channel, as the Subscription controller writes it into the channel's spec, with every address
 * already resolved ({@code duck/v1.SubscriberSpec}).
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriberSpec {
    /** The Subscription's UID. */
    private String uid;
    /** The Subscription's generation this entry reflects. */
    private Long generation;

    private String subscriberUri;

    @JsonProperty("subscriberCACerts")
    private String subscriberCaCerts;

    private String subscriberAudience;
    private String replyUri;

    @JsonProperty("replyCACerts")
    private String replyCaCerts;

    private String replyAudience;
    private DeliverySpec delivery;
    /** The Subscription's name. */
    private String name;
    /** The Subscription's OIDC identity. */
    private AuthStatus auth;
}
