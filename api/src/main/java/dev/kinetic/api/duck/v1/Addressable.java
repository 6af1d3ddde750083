package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** One address of an Addressable resource ({@code duck/v1.Addressable}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Addressable {
    private String name;
    private String url;

    @com.fasterxml.jackson.annotation.JsonProperty("CACerts")
    private String caCerts;

    private String audience;
}
