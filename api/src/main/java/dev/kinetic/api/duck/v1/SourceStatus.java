package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** What every source has in its status: the resolved sink and the events it emits ({@code duck/v1.SourceStatus}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SourceStatus extends Status {
    private String sinkUri;

    @JsonProperty("sinkCACerts")
    private String sinkCaCerts;

    private String sinkAudience;
    private List<CloudEventAttributes> ceAttributes;
    private AuthStatus auth;
}
