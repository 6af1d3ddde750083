package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import java.util.List;
import lombok.Data;
import lombok.experimental.Accessors;

/** What a Trigger subscribes to and where it delivers ({@code eventing/v1.TriggerSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerSpec {
    /** Name of the Broker in the Trigger's namespace; immutable. */
    private String broker;
    /** The Broker as a reference, instead of {@link #broker}. */
    private KReference brokerRef;
    /** The legacy exact-match filter; ignored when {@link #filters} is set. */
    private TriggerFilter filter;
    /** Subscriptions API filters, all of which must pass. */
    private List<SubscriptionsAPIFilter> filters;

    private Destination subscriber;
    /** Overrides the Broker's delivery. */
    private DeliverySpec delivery;
}
