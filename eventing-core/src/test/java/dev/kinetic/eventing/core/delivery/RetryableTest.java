package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.eventing.core.delivery.Retryable.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryableTest {
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("no response", null, Verdict.RETRY),
                Arguments.of("200", 200, Verdict.SUCCESS),
                Arguments.of("201", 201, Verdict.SUCCESS),
                Arguments.of("202", 202, Verdict.SUCCESS),
                Arguments.of("204", 204, Verdict.SUCCESS),
                Arguments.of("299", 299, Verdict.SUCCESS),
                Arguments.of("500", 500, Verdict.RETRY),
                Arguments.of("502", 502, Verdict.RETRY),
                Arguments.of("503", 503, Verdict.RETRY),
                Arguments.of("504", 504, Verdict.RETRY),
                Arguments.of("599", 599, Verdict.RETRY),
                Arguments.of("404 (pod warming up)", 404, Verdict.RETRY),
                Arguments.of("408", 408, Verdict.RETRY),
                Arguments.of("409", 409, Verdict.RETRY),
                Arguments.of("429", 429, Verdict.RETRY),
                Arguments.of("400", 400, Verdict.FAIL),
                Arguments.of("401", 401, Verdict.FAIL),
                Arguments.of("403", 403, Verdict.FAIL),
                Arguments.of("405", 405, Verdict.FAIL),
                Arguments.of("410", 410, Verdict.FAIL),
                Arguments.of("413", 413, Verdict.FAIL),
                Arguments.of("422", 422, Verdict.FAIL),
                Arguments.of("301", 301, Verdict.FAIL),
                Arguments.of("304", 304, Verdict.FAIL),
                Arguments.of("100", 100, Verdict.FAIL),
                Arguments.of("101", 101, Verdict.FAIL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void verdicts(String name, Integer status, Verdict expected) {
        assertThat(Retryable.of(status)).isEqualTo(expected);
        if (status != null) {
            assertThat(Retryable.isRetryable(status)).isEqualTo(expected == Verdict.RETRY);
            assertThat(Retryable.isSuccess(status)).isEqualTo(expected == Verdict.SUCCESS);
        }
    }

    @Test
    void noResponseIsRetried() {
        assertThat(Retryable.isRetryableWithoutResponse()).isTrue();
    }
}
