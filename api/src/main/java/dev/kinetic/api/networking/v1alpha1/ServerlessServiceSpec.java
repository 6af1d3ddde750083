package dev.kinetic.api.networking.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectReference;
import lombok.Data;
import lombok.experimental.Accessors;

/** The mode and the workload whose pods back the public Service. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServerlessServiceSpec {
    public static final String MODE_SERVE = "Serve";
    public static final String MODE_PROXY = "Proxy";

    /** {@code Serve} or {@code Proxy}. */
    private String mode;
    /** The Deployment whose pods serve in Serve mode. */
    private ObjectReference objectRef;
    /** {@code http1} or {@code h2c}. */
    private String protocolType;
    /** How many activators to put in the path in Proxy mode; 0 means all. */
    private Integer numActivators;
}
