package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.DeliverySpec;
import java.util.List;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * What every channel has in its spec ({@code duck/v1.ChannelableSpec}): the subscribers the Subscription controller
 * writes and the default delivery. Channel specs extend it so the fields stay inline, as in Knative's JSON.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelableSpec {
    private List<SubscriberSpec> subscribers;
    private DeliverySpec delivery;
}
