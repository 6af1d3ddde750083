package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import lombok.Data;
import lombok.experimental.Accessors;

/** A Service's spec: the Configuration's template and the Route's traffic, inlined as in Knative. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {
    private RevisionTemplateSpec template;
    private List<TrafficTarget> traffic;
}
