package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SourceStatus;
import dev.kinetic.api.sources.v1.SourceLifecycle;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * The observed state of a KafkaSource and its lifecycle, with the Kafka extension's condition set: sink resolved,
 * consumers deployed, connection to Kafka established, initial offsets committed.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSourceStatus extends SourceStatus implements SourceLifecycle {
    public static final String CONNECTION_ESTABLISHED = "ConnectionEstablished";
    /** The consumer group's offsets exist, so {@code initialOffset} cannot be re-applied by a restart. */
    public static final String INITIAL_OFFSETS_COMMITTED = "InitialOffsetsCommitted";

    public static final ConditionSet CONDITIONS =
            ConditionSet.living(SINK_PROVIDED, DEPLOYED, CONNECTION_ESTABLISHED, INITIAL_OFFSETS_COMMITTED);

    /** Consumers actually running. */
    private Integer consumers;
    /** Label selector of the consumer pods, for the scale subresource. */
    private String selector;
    /** The claims (partitions) this source consumes. */
    private String claims;

    private List<Placement> placements;

    @Override
    public ConditionManager manageConditions() {
        return CONDITIONS.manage(this);
    }

    public void markConnectionEstablished() {
        CONDITIONS.manage(this).markTrue(CONNECTION_ESTABLISHED);
    }

    public void markConnectionNotEstablished(String reason, String message) {
        CONDITIONS.manage(this).markFalse(CONNECTION_ESTABLISHED, reason, message);
    }

    public void markInitialOffsetCommitted() {
        CONDITIONS.manage(this).markTrue(INITIAL_OFFSETS_COMMITTED);
    }

    public void markInitialOffsetNotCommitted(String reason, String message) {
        CONDITIONS.manage(this).markFalse(INITIAL_OFFSETS_COMMITTED, reason, message);
    }
}
