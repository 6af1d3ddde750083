package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import lombok.Data;
import lombok.experimental.Accessors;

/** The template new Revisions are stamped from: metadata plus a RevisionSpec. */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionTemplateSpec {
    private ObjectMeta metadata;
    private RevisionSpec spec;
}
