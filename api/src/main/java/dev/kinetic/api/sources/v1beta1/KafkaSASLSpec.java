package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** SASL authentication towards Kafka ({@code bindings/v1beta1.KafkaSASLSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSASLSpec {
    private Boolean enable;
    private SecretValueFromSource user;
    private SecretValueFromSource password;
    /** The SASL mechanism: {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}. */
    private SecretValueFromSource type;
}
