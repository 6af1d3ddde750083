package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static Stream<Arguments> parses() {
        return Stream.of(
                Arguments.of("seconds", "2", Duration.ofSeconds(2)),
                Arguments.of("zero", "0", Duration.ZERO),
                Arguments.of("padded", "  7 ", Duration.ofSeconds(7)),
                Arguments.of("huge", "99999999999999999999999", Duration.ofSeconds(Long.MAX_VALUE)),
                Arguments.of("HTTP-date in 90 s", "Sun, 01 Mar 2026 12:01:30 GMT", Duration.ofSeconds(90)),
                Arguments.of("HTTP-date in the past", "Sun, 01 Mar 2026 11:00:00 GMT", Duration.ZERO),
                Arguments.of("negative", "-3", null),
                Arguments.of("fraction", "1.5", null),
                Arguments.of("garbage", "soon", null),
                Arguments.of("empty", "", null),
                Arguments.of("absent", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parses")
    void parses(String name, String header, Duration expected) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    static Stream<Arguments> honours() {
        return Stream.of(
                Arguments.of("429 under the cap", 429, "2", 5000L, Duration.ofSeconds(2)),
                Arguments.of("503 under the cap", 503, "1", 5000L, Duration.ofSeconds(1)),
                Arguments.of("capped", 429, "2", 500L, Duration.ofMillis(500)),
                Arguments.of("date capped", 503, "Sun, 01 Mar 2026 13:00:00 GMT", 1000L, Duration.ofSeconds(1)),
                Arguments.of("no cap: ignored", 429, "2", null, null),
                Arguments.of("cap 0 (PT0S): ignored", 429, "2", 0L, null),
                Arguments.of("500: ignored", 500, "2", 5000L, null),
                Arguments.of("404: ignored", 404, "2", 5000L, null),
                Arguments.of("no response: ignored", null, "2", 5000L, null),
                Arguments.of("no header", 429, null, 5000L, null),
                Arguments.of("unreadable header", 429, "later", 5000L, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honours")
    void honours(String name, Integer status, String header, Long maxMs, Duration expected) {
        assertThat(RetryAfter.honoured(status, header, maxMs, NOW)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void theWaitIsTheLongerOfBackoffAndRetryAfter() {
        assertThat(RetryAfter.waitMs(100, Optional.of(Duration.ofMillis(500)))).isEqualTo(500);
        assertThat(RetryAfter.waitMs(800, Optional.of(Duration.ofMillis(500)))).isEqualTo(800);
        assertThat(RetryAfter.waitMs(300, Optional.empty())).isEqualTo(300);
    }
}
