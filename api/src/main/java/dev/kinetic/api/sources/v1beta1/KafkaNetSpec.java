package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** How to connect to Kafka ({@code bindings/v1beta1.KafkaNetSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaNetSpec {
    private KafkaSASLSpec sasl;
    private KafkaTLSSpec tls;
}
