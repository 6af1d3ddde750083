package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * Where to send events ({@code duck/v1.Destination}): an object reference resolved through its Addressable
 * status, an absolute URI, or a relative URI resolved against the reference's URL.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Destination {
    private KReference ref;
    private String uri;
    /** PEM-encoded CA certificates to trust for an https destination. */
    @com.fasterxml.jackson.annotation.JsonProperty("CACerts")
    private String caCerts;
    /** OIDC audience of the destination. */
    private String audience;
}
