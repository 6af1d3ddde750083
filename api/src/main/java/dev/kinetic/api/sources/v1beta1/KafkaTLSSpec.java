package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** TLS towards Kafka ({@code bindings/v1beta1.KafkaTLSSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaTLSSpec {
    private Boolean enable;
    private SecretValueFromSource cert;
    private SecretValueFromSource key;
    private SecretValueFromSource caCert;
}
