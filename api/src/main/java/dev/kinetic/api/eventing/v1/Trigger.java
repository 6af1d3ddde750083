package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kinetic.api.Knative;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A subscription to a Broker's events, with filters ({@code eventing.knative.dev/v1} Trigger). */
@Group(Knative.EVENTING_GROUP)
@Version("v1")
@Kind("Trigger")
@Plural("triggers")
@Singular("trigger")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Trigger extends CustomResource<TriggerSpec, TriggerStatus> implements Namespaced {

    /** Ready is True for the current generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getStatus()
                        .isReady(getMetadata() == null ? null : getMetadata().getGeneration());
    }

    /** The name of the Broker, from {@code spec.broker} or {@code spec.brokerRef}. */
    @JsonIgnore
    public String brokerName() {
        if (getSpec() == null) {
            return null;
        }
        if (getSpec().getBroker() != null) {
            return getSpec().getBroker();
        }
        return getSpec().getBrokerRef() == null
                ? null
                : getSpec().getBrokerRef().getName();
    }
}
