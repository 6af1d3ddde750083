package dev.kinetic.api.networking.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A ServerlessService's status: Ready when the public Service has endpoints; whether those include activators is
 * informational ({@code ActivatorEndpointsPopulated}).
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServerlessServiceStatus extends Status {
    public static final String ENDPOINTS_POPULATED = "EndpointsPopulated";
    public static final String ACTIVATOR_ENDPOINTS_POPULATED = "ActivatorEndpointsPopulated";
    public static final ConditionSet CONDITIONS = ConditionSet.living(ENDPOINTS_POPULATED);

    /** The public Service. */
    private String serviceName;
    /** The private Service selecting the pods. */
    private String privateServiceName;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markEndpointsReady() {
        manage().markTrue(ENDPOINTS_POPULATED);
    }

    public void markEndpointsNotReady(String reason) {
        manage().markUnknown(ENDPOINTS_POPULATED, reason, "K8s Service is not ready");
    }

    public void markActivatorEndpointsPopulated() {
        manage().markTrueWithReason(
                        ACTIVATOR_ENDPOINTS_POPULATED,
                        "ActivatorEndpointsPopulated",
                        "Revision is backed by Activator");
    }

    public void markActivatorEndpointsRemoved() {
        manage().markFalse(
                        ACTIVATOR_ENDPOINTS_POPULATED,
                        "ActivatorEndpointsPopulated",
                        "Revision is backed by Activator");
    }
}
