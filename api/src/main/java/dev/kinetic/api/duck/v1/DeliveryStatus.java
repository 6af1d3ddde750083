package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** The resolved dead-letter sink ({@code duck/v1.DeliveryStatus}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeliveryStatus {
    private String deadLetterSinkUri;
    private String deadLetterSinkCACerts;
    private String deadLetterSinkAudience;
}
