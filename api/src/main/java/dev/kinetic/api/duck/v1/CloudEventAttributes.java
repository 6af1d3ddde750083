package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** The type and source of events a source emits ({@code duck/v1.CloudEventAttributes}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CloudEventAttributes {
    private String type;
    private String source;
}
