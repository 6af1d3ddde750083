package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kinetic.api.Knative;
import dev.kinetic.api.eventing.EventingValidation;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** An addressable event mesh that Triggers subscribe to ({@code eventing.knative.dev/v1} Broker). */
@Group(Knative.EVENTING_GROUP)
@Version("v1")
@Kind("Broker")
@Plural("brokers")
@Singular("broker")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Broker extends CustomResource<BrokerSpec, BrokerStatus> implements Namespaced {

    /** Ready is True for the current generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getStatus()
                        .isReady(getMetadata() == null ? null : getMetadata().getGeneration());
    }

    /** The {@code eventing.knative.dev/broker.class} annotation, or null. */
    @JsonIgnore
    public String brokerClass() {
        return EventingValidation.annotation(this, Knative.BROKER_CLASS_ANNOTATION);
    }
}
