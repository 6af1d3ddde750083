package dev.kinetic.eventing.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepliesTest {
    static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    static final MultiMap BINARY = headers(
            "ce-specversion",
            "1.0",
            "ce-id",
            "r1",
            "ce-source",
            "/reply",
            "ce-type",
            "reply",
            "content-type",
            "text/plain");
    static final String STRUCTURED = "{\"specversion\":\"1.0\",\"id\":\"r2\",\"source\":\"/reply\",\"type\":\"reply\"}";

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("200 binary", 200, BINARY, "hello", "event r1"),
                Arguments.of("200 binary without data", 200, BINARY, "", "event r1"),
                Arguments.of(
                        "200 structured",
                        200,
                        headers("Content-Type", "application/cloudevents+json"),
                        STRUCTURED,
                        "event r2"),
                Arguments.of("200 empty", 200, headers(), "", "none"),
                Arguments.of("200 plain text", 200, headers("content-type", "text/plain"), "ok", "invalid"),
                Arguments.of(
                        "200 json that is no event", 200, headers("content-type", "application/json"), "{}", "invalid"),
                Arguments.of(
                        "200 binary missing id",
                        200,
                        headers("ce-specversion", "1.0", "ce-source", "/s", "ce-type", "t"),
                        "",
                        "invalid"),
                Arguments.of(
                        "200 structured garbage",
                        200,
                        headers("content-type", "application/cloudevents+json"),
                        "{not json",
                        "invalid"),
                Arguments.of("202 with an event body: no reply", 202, BINARY, "hello", "none"),
                Arguments.of("204", 204, headers(), "", "none"),
                Arguments.of("201 with text", 201, headers("content-type", "text/plain"), "made", "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reads(String name, int status, MultiMap headers, String body, String expected) {
        Replies.Reply reply = Replies.read(status, headers, Buffer.buffer(body));
        String actual = reply instanceof Replies.Event e
                ? "event " + e.event().getId()
                : reply instanceof Replies.Invalid ? "invalid" : "none";
        assertThat(actual).isEqualTo(expected);
    }
}
