package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A Revision's status and lifecycle: Ready when its resources are available and its container is healthy.
 * {@code Active} (mirrored from the PodAutoscaler) is informational and never affects Ready.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionStatus extends Status {
    public static final String RESOURCES_AVAILABLE = "ResourcesAvailable";
    public static final String CONTAINER_HEALTHY = "ContainerHealthy";
    public static final String ACTIVE = "Active";
    public static final ConditionSet CONDITIONS = ConditionSet.living(RESOURCES_AVAILABLE, CONTAINER_HEALTHY);

    public static final String REASON_DEPLOYING = "Deploying";
    public static final String REASON_PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    public static final String REASON_CONTAINER_MISSING = "ContainerMissing";
    public static final String REASON_RESOLVING_DIGESTS = "ResolvingDigests";
    public static final String REASON_NOT_OWNED = "NotOwned";

    private String logUrl;
    private List<ContainerStatus> containerStatuses;
    private List<ContainerStatus> initContainerStatuses;
    private Integer actualReplicas;
    private Integer desiredReplicas;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markResourcesAvailableTrue() {
        manage().markTrue(RESOURCES_AVAILABLE);
    }

    public void markResourcesAvailableUnknown(String reason, String message) {
        manage().markUnknown(RESOURCES_AVAILABLE, reason, message);
    }

    public void markResourcesAvailableFalse(String reason, String message) {
        manage().markFalse(RESOURCES_AVAILABLE, reason, message);
    }

    public void markDeploying(String reason) {
        markResourcesAvailableUnknown(reason == null ? REASON_DEPLOYING : reason, null);
        manage().markUnknown(CONTAINER_HEALTHY, REASON_DEPLOYING, null);
    }

    public void markProgressDeadlineExceeded(String message) {
        markResourcesAvailableFalse(REASON_PROGRESS_DEADLINE_EXCEEDED, message);
    }

    public void markContainerHealthyTrue() {
        manage().markTrue(CONTAINER_HEALTHY);
    }

    public void markContainerHealthyUnknown(String reason, String message) {
        manage().markUnknown(CONTAINER_HEALTHY, reason, message);
    }

    public void markContainerHealthyFalse(String reason, String message) {
        manage().markFalse(CONTAINER_HEALTHY, reason, message);
    }

    /** The user container exited: reason {@code ExitCode<N>}, message {@code Container failed with: …}. */
    public void markContainerExiting(int exitCode, String message) {
        markContainerHealthyFalse("ExitCode" + exitCode, "Container failed with: " + message);
    }

    public void markContainerMissing(String message) {
        markContainerHealthyFalse(REASON_CONTAINER_MISSING, message);
    }

    public void markActiveTrue() {
        manage().markTrue(ACTIVE);
    }

    public void markActiveUnknown(String reason, String message) {
        manage().markUnknown(ACTIVE, reason, message);
    }

    public void markActiveFalse(String reason, String message) {
        manage().markFalse(ACTIVE, reason, message);
    }

    public void markNotOwned(String kind, String name) {
        markResourcesAvailableFalse(
                REASON_NOT_OWNED, "There is an existing " + kind + " \"" + name + "\" that we do not own.");
    }
}
