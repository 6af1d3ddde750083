package dev.kinetic.api.sources.v1;

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

/** Runs a container that sends events to a sink ({@code sources.knative.dev/v1} ContainerSource). */
@Group(Knative.SOURCES_GROUP)
@Version("v1")
@Kind("ContainerSource")
@Plural("containersources")
@Singular("containersource")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class ContainerSource extends CustomResource<ContainerSourceSpec, ContainerSourceStatus> implements Namespaced {

    /** Ready is True for the current generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getStatus()
                        .isReady(getMetadata() == null ? null : getMetadata().getGeneration());
    }
}
