package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import lombok.Data;
import lombok.experimental.Accessors;

/** Extensions a source adds to every event it emits ({@code duck/v1.CloudEventOverrides}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudEventOverrides {
    private Map<String, String> extensions;
}
