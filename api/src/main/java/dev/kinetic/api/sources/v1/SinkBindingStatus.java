package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
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
public class SinkBindingStatus extends SourceStatus {
    public static final ConditionSet CONDITIONS = ConditionSet.living(SourceLifecycle.SINK_PROVIDED);

    public void initializeConditions() {
        CONDITIONS.manage(this).initialize();
    }

    /** Ready is True and the controller has acted on {@code generation}. */
    @JsonIgnore
    public boolean isReady(Long generation) {
        return SourceLifecycle.isReady(CONDITIONS, this, generation);
    }

    public void markSink(String uri) {
        markSink(new Addressable().setUrl(uri));
    }

    public void markSink(Addressable sink) {
        SourceLifecycle.markSink(CONDITIONS, this, sink);
    }

    public void markNoSink(String reason, String message) {
        SourceLifecycle.markNoSink(CONDITIONS, this, reason, message);
    }

    /** The subjects' pod specs carry the sink. */
    public void markBindingAvailable() {
        CONDITIONS.manage(this).markTrue(ConditionSet.READY);
    }

    public void markBindingUnavailable(String reason, String message) {
        CONDITIONS.manage(this).markFalse(ConditionSet.READY, reason, message);
    }
}
