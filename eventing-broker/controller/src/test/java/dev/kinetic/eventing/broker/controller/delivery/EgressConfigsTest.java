package dev.kinetic.eventing.broker.controller.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EgressConfigsTest {
    private static final String DLS = "http://dls.default.svc.cluster.local";

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(
                        "no delivery",
                        null,
                        null,
                        new EgressConfig(null, 0, BackoffPolicy.EXPONENTIAL, 0, 0, null, null)),
                Arguments.of(
                        "no delivery, but a dead letter",
                        null,
                        DLS,
                        new EgressConfig(DLS, 0, BackoffPolicy.EXPONENTIAL, 0, 0, null, null)),
                Arguments.of(
                        "empty delivery",
                        new DeliverySpec(),
                        null,
                        new EgressConfig(null, 0, BackoffPolicy.EXPONENTIAL, 0, 0, null, null)),
                Arguments.of(
                        "everything",
                        new DeliverySpec()
                                .setRetry(3)
                                .setBackoffPolicy("linear")
                                .setBackoffDelay("PT0.2S")
                                .setTimeout("PT30S")
                                .setRetryAfterMax("PT2M")
                                .setFormat("json"),
                        DLS,
                        new EgressConfig(DLS, 3, BackoffPolicy.LINEAR, 200, 30_000, 120_000L, "json")),
                Arguments.of(
                        "exponential, binary, Retry-After off (PT0S)",
                        new DeliverySpec()
                                .setRetry(0)
                                .setBackoffPolicy("exponential")
                                .setBackoffDelay("PT1M")
                                .setRetryAfterMax("PT0S")
                                .setFormat("binary"),
                        null,
                        new EgressConfig(null, 0, BackoffPolicy.EXPONENTIAL, 60_000, 0, 0L, "binary")),
                Arguments.of(
                        "days and fractions",
                        new DeliverySpec().setBackoffDelay("P1DT0.5S").setTimeout("PT0.001S"),
                        null,
                        new EgressConfig(null, 0, BackoffPolicy.EXPONENTIAL, 86_400_500, 1, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void translates(String name, DeliverySpec delivery, String deadLetter, EgressConfig expected) {
        EgressConfigs.Result result = EgressConfigs.from(delivery, deadLetter);
        assertThat(result.errors()).isEmpty();
        assertThat(result.config()).contains(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        "negative retry",
                        new DeliverySpec().setRetry(-1),
                        List.of("retry must not be negative, got -1")),
                Arguments.of(
                        "unknown policy",
                        new DeliverySpec().setBackoffPolicy("fibonacci"),
                        List.of("backoffPolicy must be linear or exponential, got \"fibonacci\"")),
                Arguments.of(
                        "not ISO-8601",
                        new DeliverySpec().setBackoffDelay("200ms"),
                        List.of("backoffDelay must be an ISO-8601 duration such as PT0.2S, got \"200ms\"")),
                Arguments.of(
                        "zero timeout",
                        new DeliverySpec().setTimeout("PT0S"),
                        List.of("timeout must be positive, got PT0S")),
                Arguments.of(
                        "negative retryAfterMax",
                        new DeliverySpec().setRetryAfterMax("-PT1S"),
                        List.of("retryAfterMax must be zero or more, got -PT1S")),
                Arguments.of(
                        "unknown format",
                        new DeliverySpec().setFormat("xml"),
                        List.of("format must be json or binary, got \"xml\"")),
                Arguments.of(
                        "every problem at once",
                        new DeliverySpec().setRetry(-2).setTimeout("soon").setFormat("avro"),
                        List.of(
                                "retry must not be negative, got -2",
                                "timeout must be an ISO-8601 duration such as PT0.2S, got \"soon\"",
                                "format must be json or binary, got \"avro\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String name, DeliverySpec delivery, List<String> errors) {
        EgressConfigs.Result result = EgressConfigs.from(delivery, null);
        assertThat(result.config()).isEmpty();
        assertThat(result.errors()).containsExactlyElementsOf(errors);
    }

    @Test
    void theTriggersDeliveryWinsAsAWhole() {
        DeliverySpec trigger = new DeliverySpec().setRetry(1);
        DeliverySpec broker = new DeliverySpec().setRetry(5).setTimeout("PT1S");
        assertThat(EgressConfigs.effective(trigger, broker)).isSameAs(trigger);
        assertThat(EgressConfigs.effective(null, broker)).isSameAs(broker);
        assertThat(EgressConfigs.effective(null, null)).isNull();
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of(null, Optional.of(DeliveryOrder.UNORDERED)),
                Arguments.of("unordered", Optional.of(DeliveryOrder.UNORDERED)),
                Arguments.of("ordered", Optional.of(DeliveryOrder.ORDERED)),
                Arguments.of(" ordered ", Optional.of(DeliveryOrder.ORDERED)),
                Arguments.of("Ordered", Optional.empty()),
                Arguments.of("fifo", Optional.empty()),
                Arguments.of("", Optional.empty()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("orders")
    void deliveryOrderAnnotation(String annotation, Optional<DeliveryOrder> expected) {
        assertThat(DeliveryOrders.parse(annotation)).isEqualTo(expected);
    }
}
