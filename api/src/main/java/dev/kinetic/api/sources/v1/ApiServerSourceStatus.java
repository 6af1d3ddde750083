package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
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
public class ApiServerSourceStatus extends SourceStatus implements SourceLifecycle {
    public static final String SUFFICIENT_PERMISSIONS = "SufficientPermissions";

    public static final ConditionSet CONDITIONS = ConditionSet.living(SINK_PROVIDED, DEPLOYED, SUFFICIENT_PERMISSIONS);

    /** The namespaces being watched. */
    private List<String> namespaces;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    public void markSufficientPermissions() {
        CONDITIONS.manage(this).markTrue(SUFFICIENT_PERMISSIONS);
    }

    public void markNoSufficientPermissions(String reason, String message) {
        CONDITIONS.manage(this).markFalse(SUFFICIENT_PERMISSIONS, reason, message);
    }
}
