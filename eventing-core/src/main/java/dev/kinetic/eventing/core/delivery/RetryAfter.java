package dev.kinetic.eventing.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} response header, as Knative's core delivery honours it (its Kafka data plane ignores it):
 * only on 429 and 503, only when the delivery sets a positive {@code retryAfterMax}, capped by it; the wait before the
 * retry is then the longer of the backoff and the header.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * Parses a header value: delay-seconds (a non-negative integer) or an HTTP-date (the IMF-fixdate form, {@code Sun,
     * 06 Nov 1994 08:49:37 GMT}) taken relative to {@code now}, a date in the past meaning no wait. Empty when absent or
     * unreadable.
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException | ArithmeticException e) {
                // More digits than a long holds: as good as for ever, capped by the caller.
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait a response asks for, if it is to be honoured: the status is 429 or 503, {@code retryAfterMaxMs} is
     * positive, and the header parses; capped at {@code retryAfterMaxMs}.
     */
    public static Optional<Duration> honoured(Integer status, String header, Long retryAfterMaxMs, Instant now) {
        if (status == null || (status != 429 && status != 503) || retryAfterMaxMs == null || retryAfterMaxMs <= 0) {
            return Optional.empty();
        }
        Duration max = Duration.ofMillis(retryAfterMaxMs);
        return parse(header, now).map(wait -> wait.compareTo(max) > 0 ? max : wait);
    }

    /** The wait before a retry: the longer of the backoff and an honoured {@code Retry-After}. */
    public static long waitMs(long backoffMs, Optional<Duration> retryAfter) {
        return retryAfter.map(d -> Math.max(backoffMs, d.toMillis())).orElse(backoffMs);
    }
}
