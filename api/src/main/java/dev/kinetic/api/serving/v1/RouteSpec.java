package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import lombok.Data;
import lombok.experimental.Accessors;

/** Where a Route sends traffic. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteSpec {
    private List<TrafficTarget> traffic;
}
