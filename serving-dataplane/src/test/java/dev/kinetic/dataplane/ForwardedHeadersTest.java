package dev.kinetic.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardedHeadersTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(
                        "nothing came in",
                        Map.of(),
                        "10.0.0.9",
                        Map.of(
                                "X-Forwarded-For", "10.0.0.9",
                                "X-Forwarded-Proto", "http",
                                "Forwarded", "for=10.0.0.9;proto=http")),
                Arguments.of(
                        "a gateway set x-forwarded-*",
                        Map.of(
                                "X-Forwarded-For",
                                "203.0.113.7",
                                "X-Forwarded-Proto",
                                "https",
                                "X-Forwarded-Host",
                                "a.b"),
                        "10.0.0.9",
                        Map.of(
                                "X-Forwarded-For", "203.0.113.7, 10.0.0.9",
                                "X-Forwarded-Proto", "https",
                                "Forwarded", "for=203.0.113.7;host=a.b;proto=https, for=10.0.0.9")),
                Arguments.of(
                        "an existing Forwarded header is kept",
                        Map.of("Forwarded", "for=192.0.2.1"),
                        "10.0.0.9",
                        Map.of("X-Forwarded-For", "10.0.0.9", "Forwarded", "for=192.0.2.1")),
                Arguments.of(
                        "IPv6 is bracketed and quoted",
                        Map.of(),
                        "2001:db8::1",
                        Map.of("Forwarded", "for=\"[2001:db8::1]\";proto=http")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void followsTheRuntimeContract(String name, Map<String, String> in, String peer, Map<String, String> expected) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(in);
        ForwardedHeaders.apply(headers, peer, "http");
        expected.forEach((k, v) -> assertThat(headers.get(k)).as(k).isEqualTo(v));
    }
}
