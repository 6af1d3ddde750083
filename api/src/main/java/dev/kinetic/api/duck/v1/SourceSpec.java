package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** What every source has in its spec: the sink and CloudEvent overrides ({@code duck/v1.SourceSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceSpec {
    private Destination sink;
    private CloudEventOverrides ceOverrides;
}
