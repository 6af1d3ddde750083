package dev.kinetic.api.apis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "PT0.2S, 200",
                "PT1S, 1000",
                "PT1M30S, 90000",
                "P1DT2H, 93600000",
                "PT168H, 604800000",
                "P1W, 604800000",
                "-PT1S, -1000",
                "PT0S, 0",
                "P, none",
                "PT, none",
                "1s, none",
                "PT1.5, none"
            })
    void iso8601(String text, Long millis) {
        assertThat(Durations.parseIso8601(text))
                .isEqualTo(Optional.ofNullable(millis).map(Duration::ofMillis));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            nullValues = "none",
            value = {
                "60s, 60000",
                "1m30s, 90000",
                "500ms, 500",
                "1h, 3600000",
                "1.5s, 1500",
                "-1s, -1000",
                "0, 0",
                "10, none",
                "1x, none",
                "s, none"
            })
    void go(String text, Long millis) {
        assertThat(Durations.parseGo(text))
                .isEqualTo(Optional.ofNullable(millis).map(Duration::ofMillis));
    }
}
