package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SourceStatus;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of an ApiServerSource and its lifecycle: sink resolved, adapter deployed, and its service
 * account allowed to watch the resources. OIDC is not implemented, so {@code OIDCIdentityCreated} is not in the set.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiServerSourceStatus extends SourceStatus {
    public static final String SUFFICIENT_PERMISSIONS = "SufficientPermissions";

    public static final ConditionSet CONDITIONS =
            ConditionSet.living(SourceLifecycle.SINK_PROVIDED, SourceLifecycle.DEPLOYED, SUFFICIENT_PERMISSIONS);

    /** The namespaces being watched. */
    private List<String> namespaces;

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

    public void markSufficientPermissions() {
        CONDITIONS.manage(this).markTrue(SUFFICIENT_PERMISSIONS);
    }

    public void markNoSufficientPermissions(String reason, String message) {
        CONDITIONS.manage(this).markFalse(SUFFICIENT_PERMISSIONS, reason, message);
    }
}
