package dev.kinetic.api.autoscaling.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectReference;
import lombok.Data;
import lombok.experimental.Accessors;

/** What to scale (the Revision's Deployment) and the facts the decision needs. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodAutoscalerSpec {
    public static final String REACHABLE = "Reachable";
    public static final String UNREACHABLE = "Unreachable";
    public static final String PROTOCOL_HTTP1 = "http1";
    public static final String PROTOCOL_H2C = "h2c";

    /** The Revision's containerConcurrency. */
    private Long containerConcurrency;
    /** The Deployment to scale. */
    private ObjectReference scaleTargetRef;
    /** {@code Reachable}, {@code Unreachable} or empty (not yet known): whether a Route sends traffic here. */
    private String reachability;
    /** {@code http1} or {@code h2c}. */
    private String protocolType;
}
