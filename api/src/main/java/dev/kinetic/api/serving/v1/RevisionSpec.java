package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * A Revision's spec: the PodSpec fields Knative admits (inlined, as in Knative; the optional ones are gated by
 * {@code config-features}) plus Knative's own request-handling fields.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionSpec {
    // Knative's fields.
    /** Hard cap on in-flight requests per pod; 0 means no cap. */
    private Long containerConcurrency;
    /** Longest a request may take, in seconds. */
    private Long timeoutSeconds;
    /** Longest wait for the first response byte, in seconds. */
    private Long responseStartTimeoutSeconds;
    /** Longest gap with no bytes written, in seconds. */
    private Long idleTimeoutSeconds;

    // PodSpec fields allowed by default.
    private List<Container> containers;
    private List<Volume> volumes;
    private String serviceAccountName;
    private List<LocalObjectReference> imagePullSecrets;
    private Boolean enableServiceLinks;
    private Boolean automountServiceAccountToken;

    // PodSpec fields behind config-features flags.
    private Affinity affinity;
    private List<TopologySpreadConstraint> topologySpreadConstraints;
    private List<HostAlias> hostAliases;
    private Map<String, String> nodeSelector;
    private List<Toleration> tolerations;
    private String runtimeClassName;
    private PodSecurityContext securityContext;
    private Boolean shareProcessNamespace;
    private String priorityClassName;
    private String schedulerName;
    private List<Container> initContainers;
    private String dnsPolicy;
    private PodDNSConfig dnsConfig;

    @JsonProperty("hostIPC")
    private Boolean hostIPC;

    @JsonProperty("hostPID")
    private Boolean hostPID;

    private Boolean hostNetwork;

    /**
     * The container that receives requests: the only one when there is one, otherwise the one declaring a port.
     */
    @JsonIgnore
    public Optional<Container> servingContainer() {
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
