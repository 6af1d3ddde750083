package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.KReference;
import lombok.Data;
import lombok.experimental.Accessors;

/** The desired state of a Broker ({@code eventing/v1.BrokerSpec}). Only {@link #delivery} may change. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BrokerSpec {
    /** The class-specific configuration, for a Kafka broker the ConfigMap naming the bootstrap servers. */
    private KReference config;
    /** The delivery every Trigger without its own uses. */
    private DeliverySpec delivery;
}
