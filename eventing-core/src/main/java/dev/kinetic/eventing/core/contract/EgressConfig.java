package dev.kinetic.eventing.core.contract;

/**
 * Delivery settings, resolved from a {@code DeliverySpec} by the controller: durations in milliseconds, the
 * dead-letter sink as a URL.
 *
 * @param deadLetter the resolved dead-letter sink URL, or {@code null}
 * @param retry how many times to retry after the first attempt (0 = one attempt)
 * @param backoffPolicy linear or exponential
 * @param backoffDelayMs the base delay; 0 waits not at all
 * @param timeoutMs the per-attempt timeout; 0 = the default (600,000 ms, as Knative's Kafka data plane)
 * @param retryAfterMaxMs the cap on an honoured {@code Retry-After}; {@code null} = ignore {@code Retry-After}, 0 =
 *     ignore it too ({@code PT0S} opts out)
 * @param format {@code json} or {@code binary} to force the HTTP encoding to the subscriber, or {@code null} (binary)
 */
public record EgressConfig(
        String deadLetter,
        int retry,
        BackoffPolicy backoffPolicy,
        long backoffDelayMs,
        long timeoutMs,
        Long retryAfterMaxMs,
        String format) {
    /** Knative's Kafka data plane's per-request timeout when none is set. */
    public static final long DEFAULT_TIMEOUT_MS = 600_000;

    public EgressConfig {
        backoffPolicy = backoffPolicy == null ? BackoffPolicy.EXPONENTIAL : backoffPolicy;
    }

    /** No retries, no dead-letter sink, the default timeout. */
    public static final EgressConfig NONE = new EgressConfig(null, 0, BackoffPolicy.EXPONENTIAL, 0, 0, null, null);

    /** The per-attempt timeout to apply. */
    public long effectiveTimeoutMs() {
        return timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
    }

    /** The {@code backoffPolicy} of a DeliverySpec. */
    public enum BackoffPolicy {
        LINEAR,
        EXPONENTIAL
    }
}
