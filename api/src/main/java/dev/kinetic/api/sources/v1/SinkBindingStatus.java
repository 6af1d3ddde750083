package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SinkLifecycle;
import dev.kinetic.api.duck.v1.SourceStatus;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a SinkBinding and its lifecycle. As in Knative, whether the binding is applied to its
 * subjects is written straight to Ready ({@link #markBindingAvailable}, {@link #markBindingUnavailable}); the one
 * dependent is SinkProvided. OIDC and trust bundles are not implemented, so their conditions are not in the set.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SinkBindingStatus extends SourceStatus implements SinkLifecycle {
    public static final ConditionSet CONDITIONS = ConditionSet.living(SINK_PROVIDED);

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /** The subjects' pod specs carry the sink. */
    public void markBindingAvailable() {
        CONDITIONS.manage(this).markTrue(ConditionSet.READY);
    }

    public void markBindingUnavailable(String reason, String message) {
        CONDITIONS.manage(this).markFalse(ConditionSet.READY, reason, message);
    }
}
