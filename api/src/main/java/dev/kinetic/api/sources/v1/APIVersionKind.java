package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** A kind of object ({@code sources/v1.APIVersionKind}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class APIVersionKind {
    private String apiVersion;
    private String kind;
}
