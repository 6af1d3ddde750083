package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.SourceSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The pod that produces events, and the sink it sends them to ({@code sources/v1.ContainerSourceSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerSourceSpec extends SourceSpec {
    private PodTemplateSpec template;
}
