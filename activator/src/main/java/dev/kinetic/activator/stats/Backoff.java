package dev.kinetic.activator.stats;

import java.time.Duration;

/**
 * Capped exponential backoff between reconnection attempts: {@code initial}, doubling each failed attempt, never
 * more than {@code max}. Pure: the caller counts attempts.
 *
 * @param initial the delay after the first failure
 * @param max the longest delay
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
    }

    /** The delay before attempt {@code failures + 1}, given how many attempts in a row failed (at least 1). */
    public long delayMillis(int failures) {
        long delay = initial.toMillis();
        long cap = max.toMillis();
        for (int i = 1; i < failures && delay < cap; i++) {
            delay *= 2;
        }
        return Math.min(delay, cap);
    }
}
