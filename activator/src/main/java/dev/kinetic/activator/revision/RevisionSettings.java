package dev.kinetic.activator.revision;

import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionSpec;
import dev.kinetic.dataplane.Timeouts;

/**
 * The parts of a revision's spec the activator acts on. Unset fields take Knative's defaults: containerConcurrency
 * 0 (unlimited), timeoutSeconds 300, responseStartTimeoutSeconds = timeoutSeconds, idleTimeoutSeconds 0 (off).
 *
 * @param containerConcurrency requests one pod may serve at once; 0 is unlimited
 * @param timeoutSeconds from arrival to the end of the response; also how long a request may wait for a pod
 * @param responseStartTimeoutSeconds from arrival to the first byte of the response
 * @param idleTimeoutSeconds the longest gap between writes of the response; 0 is off
 */
public record RevisionSettings(
        int containerConcurrency, long timeoutSeconds, long responseStartTimeoutSeconds, long idleTimeoutSeconds) {

    public static final long DEFAULT_TIMEOUT_SECONDS = 300;
    /** The body of the 504 the activator sends when a timeout passes before the pod answered. */
    public static final String TIMEOUT_MESSAGE = "activator request timeout";

    public static final RevisionSettings DEFAULTS = new RevisionSettings(0, DEFAULT_TIMEOUT_SECONDS, 300, 0);

    public RevisionSettings {
        if (containerConcurrency < 0
                || timeoutSeconds < 0
                || responseStartTimeoutSeconds < 0
                || idleTimeoutSeconds < 0) {
            throw new IllegalArgumentException("revision settings must not be negative");
        }
    }

    /** The settings of {@code revision}, defaults for what it leaves unset (or sets to a negative value). */
    public static RevisionSettings of(Revision revision) {
        RevisionSpec spec = revision.getSpec();
        if (spec == null) {
            return DEFAULTS;
        }
        long cc = orDefault(spec.getContainerConcurrency(), 0);
        long timeout = orDefault(spec.getTimeoutSeconds(), DEFAULT_TIMEOUT_SECONDS);
        return new RevisionSettings(
                (int) Math.min(cc, Integer.MAX_VALUE),
                timeout,
                orDefault(spec.getResponseStartTimeoutSeconds(), timeout),
                orDefault(spec.getIdleTimeoutSeconds(), 0));
    }

    /**
     * The proxy's timeouts for a request that has already waited {@code elapsedMillis} in the activator: the total
     * and response-start timeouts run from the request's arrival, as Knative's timeout handler wraps the throttler.
     */
    public Timeouts remainingTimeouts(long elapsedMillis) {
        return new Timeouts(
                remaining(timeoutSeconds, elapsedMillis),
                remaining(responseStartTimeoutSeconds, elapsedMillis),
                idleTimeoutSeconds * 1000,
                TIMEOUT_MESSAGE);
    }

    /** Milliseconds left of a timeout of {@code seconds} (0 = off stays off; a passed one leaves 1 ms, not off). */
    private static long remaining(long seconds, long elapsedMillis) {
        return seconds == 0 ? 0 : Math.max(1, seconds * 1000 - elapsedMillis);
    }

    private static long orDefault(Long value, long fallback) {
        return value == null || value < 0 ? fallback : value;
    }
}
