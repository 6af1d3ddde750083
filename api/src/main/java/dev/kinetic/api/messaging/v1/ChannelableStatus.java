package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kinetic.api.duck.v1.AddressStatus;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * What every channel has in its status ({@code duck/v1.ChannelableStatus}): its address, per-subscriber readiness and
 * the resolved dead-letter sink. Concrete so a backing channel of any kind can be read through it.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelableStatus extends AddressStatus {
    private List<SubscriberStatus> subscribers;
    private String deadLetterSinkUri;

    @JsonProperty("deadLetterSinkCACerts")
    private String deadLetterSinkCaCerts;

    private String deadLetterSinkAudience;
}
