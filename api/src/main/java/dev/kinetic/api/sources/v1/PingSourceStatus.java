package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SourceStatus;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The observed state of a PingSource and its lifecycle: the sink resolved and the ping adapter deployed. */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingSourceStatus extends SourceStatus {
    public static final ConditionSet CONDITIONS =
            ConditionSet.living(SourceLifecycle.SINK_PROVIDED, SourceLifecycle.DEPLOYED);

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

    public void markDeployed() {
        CONDITIONS.manage(this).markTrue(SourceLifecycle.DEPLOYED);
    }

    public void markNotDeployed(String reason, String message) {
        CONDITIONS.manage(this).markFalse(SourceLifecycle.DEPLOYED, reason, message);
    }

    public void markDeploying(String reason, String message) {
        CONDITIONS.manage(this).markUnknown(SourceLifecycle.DEPLOYED, reason, message);
    }
}
