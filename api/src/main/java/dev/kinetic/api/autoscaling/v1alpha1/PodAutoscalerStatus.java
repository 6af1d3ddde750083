package dev.kinetic.api.autoscaling.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A PodAutoscaler's status and lifecycle: Ready when it is Active, its scale target has reached initial scale, and
 * its ServerlessService is ready.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodAutoscalerStatus extends Status {
    public static final String ACTIVE = "Active";
    public static final String SCALE_TARGET_INITIALIZED = "ScaleTargetInitialized";
    public static final String SKS_READY = "SKSReady";
    public static final ConditionSet CONDITIONS = ConditionSet.living(ACTIVE, SCALE_TARGET_INITIALIZED, SKS_READY);

    public static final String REASON_NO_TRAFFIC = "NoTraffic";
    public static final String REASON_QUEUED = "Queued";
    public static final String REASON_TIMED_OUT = "TimedOut";

    /** The public Service of the Revision, from the ServerlessService. */
    private String serviceName;
    /** The private Service the autoscaler scrapes. */
    private String metricsServiceName;
    /** Desired scale; absent or -1 while unknown. */
    private Integer desiredScale;
    /** Ready pods right now. */
    private Integer actualScale;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markActive() {
        manage().markTrue(ACTIVE);
    }

    /** Scaled to zero for lack of traffic (reason NoTraffic): requests go through the activator. */
    public void markInactive(String reason, String message) {
        manage().markFalse(ACTIVE, reason, message);
    }

    /** Requests are buffered while pods come up. */
    public void markActivating(String reason, String message) {
        manage().markUnknown(ACTIVE, reason, message);
    }

    public void markScaleTargetInitialized() {
        manage().markTrue(SCALE_TARGET_INITIALIZED);
    }

    public void markScaleTargetNotInitialized(String reason, String message) {
        manage().markUnknown(SCALE_TARGET_INITIALIZED, reason, message);
    }

    public void markSksReady() {
        manage().markTrue(SKS_READY);
    }

    public void markSksNotReady(String message) {
        manage().markUnknown(SKS_READY, "NotReady", message);
    }

    @JsonIgnore
    public boolean isActive() {
        return condition(ACTIVE).map(c -> c.isTrue()).orElse(false);
    }

    @JsonIgnore
    public boolean isInactive() {
        return condition(ACTIVE).map(c -> c.isFalse()).orElse(false);
    }
}
