package dev.kinetic.eventing.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CesqlTest {
    static final CloudEvent EVENT = CloudEventBuilder.v1()
            .withId("1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withExtension("count", 3)
            .build();

    static Stream<Arguments> evaluations() {
        return Stream.of(
                Arguments.of("true", "count = 3", true, null, true),
                Arguments.of("false", "count = 4", false, null, false),
                Arguments.of("constant error is an evaluation error", "5 / 0", 0, Cesql.ErrorKind.MATH, false),
                Arguments.of(
                        "comparison with an erroring operand is false",
                        "1 != 1 / 0",
                        false,
                        Cesql.ErrorKind.MATH,
                        false),
                Arguments.of("NOT of an integer", "NOT 10", true, Cesql.ErrorKind.CAST, false),
                Arguments.of("NOT of a boolean", "NOT (count = 4)", true, null, true),
                Arguments.of(
                        "NOT of a missing attribute", "NOT missing", false, Cesql.ErrorKind.MISSING_ATTRIBUTE, false),
                Arguments.of("string result 'true'", "'True'", "True", null, true),
                Arguments.of("string result other", "'yes'", "yes", null, false),
                Arguments.of("an integer extension keeps its type", "count", 3, null, true),
                Arguments.of("zero", "count - 3", 0, null, false),
                Arguments.of("integer expression non-zero", "count + 0", 3, null, true),
                Arguments.of("missing function", "NOPE(1)", null, Cesql.ErrorKind.MISSING_FUNCTION, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluations")
    void evaluates(String name, String expression, Object value, Cesql.ErrorKind error, boolean matches) {
        Cesql.Evaluation evaluation = Cesql.parse(expression).evaluate(EVENT);
        if (value != null) {
            assertThat(evaluation.value()).isEqualTo(value);
        }
        assertThat(evaluation.error()).isEqualTo(error);
        assertThat(evaluation.matches()).isEqualTo(matches);
    }

    @Test
    void aParseErrorNamesTheExpression() {
        assertThatThrownBy(() -> Cesql.parse("type = "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'type = '");
        assertThatThrownBy(() -> Cesql.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheText() {
        assertThat(Cesql.parse("count > 1").text()).isEqualTo("count > 1");
    }
}
