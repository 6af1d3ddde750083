package dev.kinetic.activator.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    @ParameterizedTest(name = "after {0} failures wait {1} ms")
    @CsvSource({
        "0, 100",
        "1, 100",
        "2, 200",
        "3, 400",
        "4, 800",
        "5, 1600",
        "6, 3200",
        "7, 5000",
        "8, 5000",
        "1000, 5000",
        "2147483647, 5000"
    })
    void doublesUpToTheCap(int failures, long expected) {
        assertThat(backoff.delayMillis(failures)).isEqualTo(expected);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
