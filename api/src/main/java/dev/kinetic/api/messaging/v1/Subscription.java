package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kinetic.api.Knative;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** Delivery of a channel's events to a subscriber ({@code messaging.knative.dev/v1} Subscription). */
@Group(Knative.MESSAGING_GROUP)
@Version("v1")
@Kind("Subscription")
@Plural("subscriptions")
@Singular("subscription")
@ShortNames("sub")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Subscription extends CustomResource<SubscriptionSpec, SubscriptionStatus> implements Namespaced {

    /** Ready is True for the current generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getStatus()
                        .isReady(getMetadata() == null ? null : getMetadata().getGeneration());
    }
}
