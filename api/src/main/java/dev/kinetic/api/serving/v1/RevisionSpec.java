package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Optional;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.ToString;
import lombok.experimental.Accessors;

/**
 * A Revision's spec: a full Kubernetes PodSpec, inlined as in Knative, plus Knative's request-handling fields.
 * Which PodSpec fields a user may set is decided by validation ({@link ServingValidation}), with Knative's field
 * mask and {@code config-features} flags, so that a forbidden field is rejected with its path rather than dropped.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@ToString(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionSpec extends PodSpec {
    /** Hard cap on in-flight requests per pod; 0 means no cap. */
    private Long containerConcurrency;
    /** Longest a request may take, in seconds. */
    private Long timeoutSeconds;
    /** Longest wait for the first response byte, in seconds. */
    private Long responseStartTimeoutSeconds;
    /** Longest gap with no bytes written, in seconds. */
    private Long idleTimeoutSeconds;

    /**
     * The container that receives requests: the only one when there is one, otherwise the one declaring a port.
     */
    @JsonIgnore
    public Optional<Container> servingContainer() {
        List<Container> containers = getContainers();
        if (containers == null || containers.isEmpty()) {
            return Optional.empty();
        }
        if (containers.size() == 1) {
            return Optional.of(containers.get(0));
        }
        return containers.stream()
                .filter(c -> c.getPorts() != null && !c.getPorts().isEmpty())
                .findFirst();
    }
}
