package dev.kinetic.dataplane;

/**
 * A revision's request timeouts in milliseconds (Knative {@code timeoutSeconds}, {@code responseStartTimeoutSeconds},
 * {@code idleTimeoutSeconds}); 0 switches one off.
 *
 * @param totalMillis the whole exchange, from arrival to the last byte of the response
 * @param responseStartMillis from arrival to the response's headers
 * @param idleMillis the longest gap between writes of the response (and before the first one)
 * @param message the body of the 504 sent when a timeout passes before anything was written
 */
public record Timeouts(long totalMillis, long responseStartMillis, long idleMillis, String message) {
    public Timeouts {
        if (totalMillis < 0 || responseStartMillis < 0 || idleMillis < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }

    /** From a revision's seconds, as the queue-proxy and the activator receive them. */
    public static Timeouts ofSeconds(long total, long responseStart, long idle, String message) {
        return new Timeouts(total * 1000, responseStart * 1000, idle * 1000, message);
    }
}
