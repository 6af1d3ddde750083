package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.LabelSelector;
import lombok.Data;
import lombok.experimental.Accessors;

/** A kind of object to watch, optionally narrowed by labels ({@code sources/v1.APIVersionKindSelector}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class APIVersionKindSelector {
    private String apiVersion;
    private String kind;
    private LabelSelector selector;
}
