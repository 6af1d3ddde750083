package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterExtensionsTest {
    static final CloudEvent ORIGINAL = CloudEventBuilder.v1()
            .withId("1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withExtension("mine", "kept")
            .withData("text/plain", "payload".getBytes(StandardCharsets.UTF_8))
            .build();

    @Test
    void withAResponse() {
        CloudEvent dead = DeadLetterExtensions.apply(
                ORIGINAL,
                "http://sub.example/",
                400,
                "bad input".getBytes(StandardCharsets.UTF_8),
                List.of(Map.entry("KNE-Reason", "too big"), Map.entry("Content-Type", "text/plain")));
        assertThat(dead.getExtension("knativeerrordest")).isEqualTo("http://sub.example/");
        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo("400");
        assertThat(dead.getExtension("knativeerrordata"))
                .isEqualTo(Base64.getEncoder().encodeToString("bad input".getBytes(StandardCharsets.UTF_8)));
        assertThat(dead.getExtension("reason")).isEqualTo("too big");
        assertThat(dead.getExtension("mine")).isEqualTo("kept");
        assertThat(dead.getId()).isEqualTo("1");
        assertThat(dead.getData().toBytes()).isEqualTo("payload".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.getExtensionNames()).doesNotContain("contenttype", "type");
    }

    @Test
    void withoutAResponse() {
        CloudEvent dead = DeadLetterExtensions.apply(ORIGINAL, "http://sub.example/", null, null, List.of());
        assertThat(dead.getExtension("knativeerrordest")).isEqualTo("http://sub.example/");
        assertThat(dead.getExtensionNames()).doesNotContain("knativeerrorcode", "knativeerrordata");
    }

    @Test
    void emptyBodyHasNoData() {
        CloudEvent dead = DeadLetterExtensions.apply(ORIGINAL, "u", 500, new byte[0], null);
        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo("500");
        assertThat(dead.getExtensionNames()).doesNotContain("knativeerrordata");
    }

    @Test
    void bodyIsCutTo1024RawBytesBeforeBase64() {
        byte[] body = new byte[3000];
        Arrays.fill(body, (byte) 'x');
        CloudEvent dead = DeadLetterExtensions.apply(ORIGINAL, "u", 500, body, null);
        byte[] decoded = Base64.getDecoder().decode((String) dead.getExtension("knativeerrordata"));
        assertThat(decoded).hasSize(1024);
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("lower case", "kne-reason", "reason"),
                Arguments.of("any case", "Kne-Detail", "detail"),
                Arguments.of("digits", "kne-step2", "step2"),
                Arguments.of("prefix only", "kne-", null),
                Arguments.of("not the prefix", "x-kne-reason", null),
                Arguments.of("dash in the rest", "kne-error-kind", null),
                Arguments.of("underscore", "kne-error_kind", null),
                Arguments.of("non-ASCII", "kne-grün", null),
                Arguments.of("a context attribute", "kne-type", null),
                Arguments.of("a dead-letter extension", "kne-knativeerrorcode", null),
                Arguments.of("unrelated", "content-type", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void headerToExtension(String name, String header, String extension) {
        assertThat(DeadLetterExtensions.extensionName(header)).isEqualTo(extension);
        CloudEvent dead = DeadLetterExtensions.apply(ORIGINAL, "u", 500, null, List.of(Map.entry(header, "v")));
        if (extension != null) {
            assertThat(dead.getExtension(extension)).isEqualTo("v");
        }
        assertThat(dead.getType()).isEqualTo("t");
        assertThat(dead.getExtension("knativeerrorcode")).isEqualTo("500");
    }
}
