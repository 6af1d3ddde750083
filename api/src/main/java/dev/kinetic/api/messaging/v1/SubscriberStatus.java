package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** Whether a channel delivers to one subscriber ({@code duck/v1.SubscriberStatus}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriberStatus {
    private String uid;
    private Long observedGeneration;
    /** {@code True}, {@code False} or {@code Unknown}. */
    private String ready;

    private String message;
}
