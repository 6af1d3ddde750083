package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BackoffTest {
    static EgressConfig config(BackoffPolicy policy, long delayMs) {
        return new EgressConfig(null, 5, policy, delayMs, 0, null, null);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("linear, first retry waits d", BackoffPolicy.LINEAR, 100, 1, 100L),
                Arguments.of("linear, second retry 2d", BackoffPolicy.LINEAR, 100, 2, 200L),
                Arguments.of("linear, third retry 3d", BackoffPolicy.LINEAR, 100, 3, 300L),
                Arguments.of("exponential, first retry 2d", BackoffPolicy.EXPONENTIAL, 100, 1, 200L),
                Arguments.of("exponential, second retry 4d", BackoffPolicy.EXPONENTIAL, 100, 2, 400L),
                Arguments.of("exponential, third retry 8d", BackoffPolicy.EXPONENTIAL, 100, 3, 800L),
                Arguments.of("exponential, tenth retry", BackoffPolicy.EXPONENTIAL, 10, 10, 10_240L),
                Arguments.of("no delay", BackoffPolicy.EXPONENTIAL, 0, 3, 0L),
                Arguments.of("negative delay", BackoffPolicy.LINEAR, -5, 3, 0L),
                Arguments.of("retry number 0 (the first attempt)", BackoffPolicy.LINEAR, 100, 0, 0L),
                Arguments.of("exponential overflow of the shift", BackoffPolicy.EXPONENTIAL, 1, 64, Long.MAX_VALUE),
                Arguments.of(
                        "exponential overflow of the product", BackoffPolicy.EXPONENTIAL, 1L << 40, 30, Long.MAX_VALUE),
                Arguments.of("exponential just below overflow", BackoffPolicy.EXPONENTIAL, 1, 62, 1L << 62),
                Arguments.of("linear overflow", BackoffPolicy.LINEAR, Long.MAX_VALUE / 2, 3, Long.MAX_VALUE),
                Arguments.of(
                        "linear largest retry",
                        BackoffPolicy.LINEAR,
                        1000,
                        Integer.MAX_VALUE,
                        1000L * Integer.MAX_VALUE),
                Arguments.of("policy unset is exponential", null, 100, 1, 200L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void delays(String name, BackoffPolicy policy, long delayMs, int retryNumber, long expected) {
        assertThat(Backoff.delayMs(config(policy, delayMs), retryNumber)).isEqualTo(expected);
    }
}
