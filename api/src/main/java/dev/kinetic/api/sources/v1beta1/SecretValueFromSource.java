package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import lombok.Data;
import lombok.experimental.Accessors;

/** A value read from a Secret key ({@code bindings/v1beta1.SecretValueFromSource}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretValueFromSource {
    private SecretKeySelector secretKeyRef;
}
