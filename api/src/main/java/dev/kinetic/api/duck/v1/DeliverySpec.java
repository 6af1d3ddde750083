package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** How events are delivered: retries, backoff, timeout and the dead-letter sink ({@code duck/v1.DeliverySpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeliverySpec {
    public static final String BACKOFF_LINEAR = "linear";
    public static final String BACKOFF_EXPONENTIAL = "exponential";
    public static final String FORMAT_JSON = "json";
    public static final String FORMAT_BINARY = "binary";

    private Destination deadLetterSink;
    /** Number of retries after the first attempt. */
    private Integer retry;
    /** ISO-8601 duration: the longest one attempt may take. */
    private String timeout;
    /** {@code linear} or {@code exponential}. */
    private String backoffPolicy;
    /** ISO-8601 duration: the base delay between retries. */
    private String backoffDelay;
    /** ISO-8601 duration: the cap on an honoured Retry-After header; PT0S ignores the header. */
    private String retryAfterMax;
    /** {@code json} or {@code binary}: the HTTP encoding used towards the subscriber. */
    private String format;
}
