package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** A reference to an object, possibly in another namespace ({@code duck/v1.KReference}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KReference {
    private String kind;
    private String namespace;
    private String name;
    private String apiVersion;
    /** Deprecated in Knative in favour of apiVersion; accepted for compatibility. */
    private String group;
    /** Which of the target's {@code status.addresses[]} to use, by name. */
    private String address;
}
