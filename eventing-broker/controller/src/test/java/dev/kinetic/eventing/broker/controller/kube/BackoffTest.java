package dev.kinetic.eventing.broker.controller.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackoffTest {
    static Stream<Arguments> delays() {
        return Stream.of(
                Arguments.of(1, Duration.ofSeconds(1)),
                Arguments.of(2, Duration.ofSeconds(2)),
                Arguments.of(3, Duration.ofSeconds(4)),
                Arguments.of(6, Duration.ofSeconds(32)),
                Arguments.of(7, Duration.ofSeconds(60)),
                Arguments.of(1000, Duration.ofSeconds(60)));
    }

    @ParameterizedTest(name = "failure {0}: {1}")
    @MethodSource("delays")
    void doublesUpToTheMaximum(int failures, Duration expected) {
        assertThat(Backoff.delay(failures, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isEqualTo(expected);
    }

    @Test
    void aSuccessStartsOver() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.failed("b")).isEqualTo(Duration.ofSeconds(1));
        backoff.succeeded("a");
        assertThat(backoff.failed("a")).isEqualTo(Duration.ofSeconds(1));
    }
}
