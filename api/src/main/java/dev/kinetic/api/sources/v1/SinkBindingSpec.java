package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.SourceSpec;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The sink, and the subject whose pods get {@code K_SINK} ({@code sources/v1.SinkBindingSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SinkBindingSpec extends SourceSpec {
    private SubjectReference subject;
}
