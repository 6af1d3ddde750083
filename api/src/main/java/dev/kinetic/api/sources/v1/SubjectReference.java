package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * The objects a SinkBinding applies to: one by name, or all matching a selector ({@code tracker.Reference}).
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubjectReference {
    private String apiVersion;
    private String kind;
    /** Defaults to the SinkBinding's namespace, and may not name another. */
    private String namespace;

    private String name;
    private LabelSelector selector;
}
