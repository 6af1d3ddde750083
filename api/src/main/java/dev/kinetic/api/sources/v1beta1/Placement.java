package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** How many virtual replicas of a source run on one dispatcher pod ({@code duck/v1alpha1.Placement}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Placement {
    private String podName;
    private Integer vreplicas;
}
