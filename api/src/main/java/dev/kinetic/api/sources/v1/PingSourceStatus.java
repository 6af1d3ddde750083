package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
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
public class PingSourceStatus extends SourceStatus implements SourceLifecycle {
    public static final ConditionSet CONDITIONS = ConditionSet.living(SINK_PROVIDED, DEPLOYED);

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }
}
