package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import lombok.Data;
import lombok.experimental.Accessors;

/** The resolved addresses of a Subscription ({@code messaging/v1.SubscriptionStatusPhysicalSubscription}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriptionStatusPhysicalSubscription {
    private String subscriberUri;

    @JsonProperty("subscriberCACerts")
    private String subscriberCaCerts;

    private String subscriberAudience;
    private String replyUri;

    @JsonProperty("replyCACerts")
    private String replyCaCerts;

    private String replyAudience;
    private String deadLetterSinkUri;

    @JsonProperty("deadLetterSinkCACerts")
    private String deadLetterSinkCaCerts;

    private String deadLetterSinkAudience;
}
