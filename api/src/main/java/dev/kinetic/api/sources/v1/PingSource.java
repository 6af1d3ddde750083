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

/** Sends an event on a cron schedule ({@code sources.knative.dev/v1} PingSource). */
@Group(Knative.SOURCES_GROUP)
@Version("v1")
@Kind("PingSource")
@Plural("pingsources")
@Singular("pingsource")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class PingSource extends CustomResource<PingSourceSpec, PingSourceStatus> implements Namespaced {

    /** Ready is True for the current generation. */
    @JsonIgnore
    public boolean isReady() {
        return getStatus() != null
                && getStatus()
                        .isReady(getMetadata() == null ? null : getMetadata().getGeneration());
    }
}
