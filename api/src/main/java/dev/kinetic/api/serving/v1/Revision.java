package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.kinetic.api.duck.v1.ConditionSet;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Objects;

/** An immutable snapshot of code and configuration, scaled by request load. */
@Group("serving.knative.dev")
@Version("v1")
@Kind("Revision")
@Plural("revisions")
@Singular("revision")
@ShortNames({"rev"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Revision extends CustomResource<RevisionSpec, RevisionStatus> implements Namespaced {

    /** Ready is True and the controller has seen the latest generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getMetadata() != null
                && Objects.equals(
                        getStatus().getObservedGeneration(), getMetadata().getGeneration())
                && getStatus()
                        .condition(ConditionSet.READY)
                        .map(c -> c.isTrue())
                        .orElse(false);
    }
}
