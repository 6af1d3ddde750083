package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** The image digest a Revision's container resolved to. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerStatus {
    private String name;
    private String imageDigest;
}
