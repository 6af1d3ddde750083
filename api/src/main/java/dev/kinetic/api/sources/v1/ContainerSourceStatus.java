package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SourceStatus;
import dev.kinetic.api.duck.v1.StatusLifecycle;
import java.util.Optional;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a ContainerSource and its lifecycle. A ContainerSource is a Deployment plus a SinkBinding,
 * so its conditions are Knative's: the SinkBinding is ready and the Deployment (the receive adapter) is available.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSourceStatus extends SourceStatus implements StatusLifecycle {
    public static final String SINK_BINDING_READY = "SinkBindingReady";
    public static final String RECEIVE_ADAPTER_READY = "ReceiveAdapterReady";

    public static final ConditionSet CONDITIONS = ConditionSet.living(SINK_BINDING_READY, RECEIVE_ADAPTER_READY);

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    /** Takes the sink from the SinkBinding and its Ready condition as SinkBindingReady. */
    public void propagateSinkBindingStatus(SinkBindingStatus binding) {
        setSinkUri(binding.getSinkUri());
        setSinkCaCerts(binding.getSinkCaCerts());
        setSinkAudience(binding.getSinkAudience());
        Optional<Condition> ready = binding.condition(ConditionSet.READY);
        if (ready.isEmpty()) {
            CONDITIONS
                    .manage(this)
                    .markUnknown(SINK_BINDING_READY, "SinkBindingNotReady", "The SinkBinding has no Ready condition.");
        } else if (ready.get().isTrue()) {
            CONDITIONS.manage(this).markTrue(SINK_BINDING_READY);
        } else if (ready.get().isFalse()) {
            CONDITIONS
                    .manage(this)
                    .markFalse(
                            SINK_BINDING_READY,
                            ready.get().getReason(),
                            ready.get().getMessage());
        } else {
            CONDITIONS
                    .manage(this)
                    .markUnknown(
                            SINK_BINDING_READY,
                            ready.get().getReason(),
                            ready.get().getMessage());
        }
    }

    public void markReceiveAdapterReady() {
        CONDITIONS.manage(this).markTrue(RECEIVE_ADAPTER_READY);
    }

    public void markReceiveAdapterNotReady(String reason, String message) {
        CONDITIONS.manage(this).markFalse(RECEIVE_ADAPTER_READY, reason, message);
    }

    public void markReceiveAdapterUnknown(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(RECEIVE_ADAPTER_READY, reason, message);
    }
}
