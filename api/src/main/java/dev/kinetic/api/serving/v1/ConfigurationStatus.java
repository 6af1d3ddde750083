package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A Configuration's status and lifecycle. Its only condition is Ready: True when the latest created Revision is the
 * latest ready one, Unknown while a newer one is coming up, False when it failed.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigurationStatus extends Status {
    public static final ConditionSet CONDITIONS = ConditionSet.living();
    public static final String REASON_REVISION_FAILED = "RevisionFailed";
    public static final String REASON_REVISION_DELETED = "RevisionDeleted";

    private String latestCreatedRevisionName;
    private String latestReadyRevisionName;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markLatestCreated(String name) {
        latestCreatedRevisionName = name;
        if (!name.equals(latestReadyRevisionName)) {
            manage().markUnknown(ConditionSet.READY, null, null);
        }
    }

    public void markLatestReady(String name) {
        latestReadyRevisionName = name;
        if (name.equals(latestCreatedRevisionName)) {
            manage().markTrue(ConditionSet.READY);
        }
    }

    public void markLatestCreatedFailed(String name, String message) {
        manage().markFalse(
                        ConditionSet.READY,
                        REASON_REVISION_FAILED,
                        "Revision \"" + name + "\" failed with message: " + message + ".");
    }

    public void markRevisionCreationFailed(String message) {
        manage().markFalse(
                        ConditionSet.READY,
                        REASON_REVISION_FAILED,
                        "Revision creation failed with message: " + message + ".");
    }

    public void markLatestReadyDeleted() {
        manage().markFalse(
                        ConditionSet.READY,
                        REASON_REVISION_DELETED,
                        "Revision \"" + latestReadyRevisionName + "\" was deleted.");
        latestReadyRevisionName = null;
    }

    public Condition readyCondition() {
        return condition(ConditionSet.READY).orElse(null);
    }
}
