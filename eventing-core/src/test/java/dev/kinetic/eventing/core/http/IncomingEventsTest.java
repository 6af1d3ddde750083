package dev.kinetic.eventing.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link IncomingEvents#parse}: one named row per malformed request, and the valid shapes it must accept. */
class IncomingEventsTest {

    private static final String JSON = "application/json";
    private static final String STRUCTURED = "application/cloudevents+json";

    /** A request: headers as name/value pairs, and a body. */
    record Request(MultiMap headers, Buffer body) {
        static Request of(String body, String... headerPairs) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            for (int i = 0; i < headerPairs.length; i += 2) {
                headers.add(headerPairs[i], headerPairs[i + 1]);
            }
            return new Request(headers, body == null ? null : Buffer.buffer(body, "UTF-8"));
        }

        /** A valid binary request's headers, then more pairs (a pair with a null value removes the header). */
        static Request binary(String body, String... headerPairs) {
            Request request = of(
                    body,
                    "ce-specversion",
                    "1.0",
                    "ce-id",
                    "e-1",
                    "ce-source",
                    "/apis/v1/namespaces/default/pingsources/p",
                    "ce-type",
                    "dev.kinetic.test");
            for (int i = 0; i < headerPairs.length; i += 2) {
                if (headerPairs[i + 1] == null) {
                    request.headers.remove(headerPairs[i]);
                } else if (request.headers.contains(headerPairs[i]) && !headerPairs[i].startsWith("+")) {
                    request.headers.set(headerPairs[i], headerPairs[i + 1]);
                } else {
                    request.headers.add(headerPairs[i].replace("+", ""), headerPairs[i + 1]);
                }
            }
            return request;
        }

        static Request structured(String body) {
            return of(body, "Content-Type", STRUCTURED);
        }
    }

    /** A structured event: the required members plus {@code more} (JSON members, without braces). */
    private static String event(String more) {
        return "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"dev.kinetic.test\""
                + (more.isEmpty() ? "" : "," + more) + "}";
    }

    private static Arguments malformed(String name, int status, String message, Request request) {
        return Arguments.of(named(name, request), status, message);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                // Mode and format.
                malformed(
                        "batch",
                        415,
                        "batched CloudEvents",
                        Request.of("[]", "Content-Type", "application/cloudevents-batch+json")),
                malformed(
                        "batch with parameters, upper case",
                        415,
                        "batched CloudEvents",
                        Request.of("[]", "Content-Type", "Application/CloudEvents-Batch+JSON; charset=utf-8")),
                malformed(
                        "structured avro",
                        415,
                        "unsupported CloudEvents event format",
                        Request.of("x", "Content-Type", "application/cloudevents+avro")),
                malformed(
                        "structured xml",
                        415,
                        "application/cloudevents+xml",
                        Request.of("<x/>", "Content-Type", "application/cloudevents+xml")),
                malformed(
                        "structured without a format",
                        415,
                        "unsupported CloudEvents event format",
                        Request.of("{}", "Content-Type", "application/cloudevents")),
                malformed(
                        "not a CloudEvent at all",
                        400,
                        "missing required attribute specversion (header ce-specversion); Content-Type text/plain is not",
                        Request.of("hello", "Content-Type", "text/plain")),
                malformed("no headers at all", 400, "without a Content-Type", Request.of(null)),
                // Binary: required attributes.
                malformed(
                        "binary without specversion",
                        400,
                        "missing required attribute specversion",
                        Request.binary("", "ce-specversion", null)),
                malformed(
                        "binary without id",
                        400,
                        "missing required attribute id (header ce-id)",
                        Request.binary("", "ce-id", null)),
                malformed(
                        "binary without source",
                        400,
                        "missing required attribute source (header ce-source)",
                        Request.binary("", "ce-source", null)),
                malformed(
                        "binary without type",
                        400,
                        "missing required attribute type (header ce-type)",
                        Request.binary("", "ce-type", null)),
                malformed(
                        "binary specversion 0.3",
                        400,
                        "unsupported specversion '0.3' (header ce-specversion)",
                        Request.binary("", "ce-specversion", "0.3")),
                malformed(
                        "binary specversion 2.0",
                        400,
                        "unsupported specversion '2.0'",
                        Request.binary("", "ce-specversion", "2.0")),
                malformed(
                        "binary empty id",
                        400,
                        "attribute id (header ce-id) must not be empty",
                        Request.binary("", "ce-id", "")),
                malformed(
                        "binary empty source",
                        400,
                        "attribute source (header ce-source) must not be empty",
                        Request.binary("", "ce-source", "")),
                malformed(
                        "binary empty type",
                        400,
                        "attribute type (header ce-type) must not be empty",
                        Request.binary("", "ce-type", "")),
                malformed(
                        "binary empty subject",
                        400,
                        "attribute subject (header ce-subject) must not be empty",
                        Request.binary("", "ce-subject", "")),
                malformed(
                        "binary empty Content-Type",
                        400,
                        "attribute datacontenttype (header Content-Type)",
                        Request.binary("x", "Content-Type", "")),
                malformed(
                        "binary id given twice",
                        400,
                        "header ce-id is given more than once",
                        Request.binary("", "+ce-id", "e-2")),
                malformed(
                        "binary id given twice in other case",
                        400,
                        "header ce-id is given more than once",
                        Request.binary("", "+CE-ID", "e-2")),
                // Binary: attribute values.
                malformed(
                        "binary time not a date",
                        400,
                        "attribute time (header ce-time) is not an RFC 3339",
                        Request.binary("", "ce-time", "yesterday")),
                malformed(
                        "binary time without offset",
                        400,
                        "is not an RFC 3339 timestamp: '2026-11-03T10:15:30'",
                        Request.binary("", "ce-time", "2026-11-03T10:15:30")),
                malformed(
                        "binary time month 13",
                        400,
                        "is not an RFC 3339",
                        Request.binary("", "ce-time", "2026-13-03T10:15:30Z")),
                malformed(
                        "binary time without seconds",
                        400,
                        "is not an RFC 3339",
                        Request.binary("", "ce-time", "2026-11-03T10:15Z")),
                malformed(
                        "binary source not a URI",
                        400,
                        "attribute source (header ce-source) is not a valid URI",
                        Request.binary("", "ce-source", "not a uri")),
                malformed(
                        "binary dataschema relative",
                        400,
                        "attribute dataschema (header ce-dataschema) must be an absolute URI",
                        Request.binary("", "ce-dataschema", "/schemas/order.json")),
                malformed(
                        "binary dataschema malformed",
                        400,
                        "attribute dataschema (header ce-dataschema) is not a valid URI",
                        Request.binary("", "ce-dataschema", "http://exa mple.com/s")),
                // Binary: header encoding.
                malformed(
                        "percent not followed by hex",
                        400,
                        "header ce-subject has a '%' at position 3 that is not followed by two hexadecimal digits",
                        Request.binary("", "ce-subject", "abc%zz")),
                malformed(
                        "percent with one digit at the end",
                        400,
                        "not followed by two hexadecimal digits",
                        Request.binary("", "ce-subject", "abc%4")),
                malformed(
                        "lone percent",
                        400,
                        "not followed by two hexadecimal digits",
                        Request.binary("", "ce-myext", "%")),
                malformed(
                        "percent-decodes to invalid UTF-8",
                        400,
                        "header ce-subject does not decode to valid UTF-8",
                        Request.binary("", "ce-subject", "%ff%fe")),
                malformed(
                        "lone UTF-8 continuation byte",
                        400,
                        "does not decode to valid UTF-8",
                        Request.binary("", "ce-myext", "a%80b")),
                malformed(
                        "truncated UTF-8 sequence",
                        400,
                        "does not decode to valid UTF-8",
                        Request.binary("", "ce-myext", "caf%C3")),
                malformed(
                        "raw non-Latin-1 character",
                        400,
                        "header ce-subject has the character U+2603",
                        Request.binary("", "ce-subject", "snow \u2603")),
                malformed(
                        "unclosed double quote",
                        400,
                        "header ce-subject opens a double-quoted string that is never closed",
                        Request.binary("", "ce-subject", "\"abc")),
                malformed(
                        "double quote ending in a backslash",
                        400,
                        "never closed",
                        Request.binary("", "ce-subject", "\"abc\\\"")),
                malformed(
                        "text after the closing quote",
                        400,
                        "header ce-subject has text after its closing double quote",
                        Request.binary("", "ce-subject", "\"abc\"def")),
                malformed(
                        "percent error inside quotes",
                        400,
                        "not followed by two hexadecimal digits",
                        Request.binary("", "ce-subject", "\"a%g1\"")),
                // Binary: extension names.
                malformed(
                        "extension name with underscore",
                        400,
                        "invalid extension name 'my_ext' (header ce-my_ext)",
                        Request.binary("", "ce-my_ext", "v")),
                malformed(
                        "extension name with dash",
                        400,
                        "invalid extension name 'my-ext'",
                        Request.binary("", "ce-my-ext", "v")),
                malformed("extension name empty", 400, "invalid extension name ''", Request.binary("", "ce-", "v")),
                malformed(
                        "extension name with a dot",
                        400,
                        "invalid extension name 'a.b'",
                        Request.binary("", "ce-a.b", "v")),
                // Structured: JSON.
                malformed(
                        "structured empty body",
                        400,
                        "structured-mode CloudEvent with an empty body",
                        Request.structured("")),
                malformed(
                        "structured truncated JSON",
                        400,
                        "malformed JSON in structured-mode CloudEvent",
                        Request.structured("{\"specversion\":")),
                malformed("structured trailing content", 400, "malformed JSON", Request.structured(event("") + " {}")),
                malformed(
                        "structured duplicate member",
                        400,
                        "Duplicate field 'id'",
                        Request.structured(event("\"id\":\"e-2\""))),
                malformed(
                        "structured array",
                        400,
                        "structured-mode CloudEvent must be a JSON object, got array",
                        Request.structured("[" + event("") + "]")),
                malformed("structured string", 400, "must be a JSON object, got string", Request.structured("\"x\"")),
                // Structured: attributes.
                malformed(
                        "structured without specversion",
                        400,
                        "missing required attribute specversion (JSON member \"specversion\")",
                        Request.structured("{\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured without id",
                        400,
                        "missing required attribute id (JSON member \"id\")",
                        Request.structured("{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured without type",
                        400,
                        "missing required attribute type",
                        Request.structured("{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/s\"}")),
                malformed(
                        "structured specversion 0.3",
                        400,
                        "unsupported specversion '0.3' (JSON member \"specversion\")",
                        Request.structured(
                                "{\"specversion\":\"0.3\",\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured specversion a number",
                        400,
                        "attribute specversion (JSON member \"specversion\") must be a JSON string, got number",
                        Request.structured("{\"specversion\":1.0,\"id\":\"e-1\",\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured id a number",
                        400,
                        "attribute id (JSON member \"id\") must be a JSON string",
                        Request.structured("{\"specversion\":\"1.0\",\"id\":7,\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured empty id",
                        400,
                        "attribute id (JSON member \"id\") must not be empty",
                        Request.structured("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/s\",\"type\":\"t\"}")),
                malformed(
                        "structured empty source",
                        400,
                        "attribute source (JSON member \"source\") must not be empty",
                        Request.structured("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"\",\"type\":\"t\"}")),
                malformed(
                        "structured null subject",
                        400,
                        "attribute subject (JSON member \"subject\") must be a JSON string, got null",
                        Request.structured(event("\"subject\":null"))),
                malformed(
                        "structured bad time",
                        400,
                        "attribute time (JSON member \"time\") is not an RFC 3339",
                        Request.structured(event("\"time\":\"2026-11-03 10:15:30\""))),
                malformed(
                        "structured source not a URI",
                        400,
                        "attribute source (JSON member \"source\") is not a valid URI",
                        Request.structured("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"a b\",\"type\":\"t\"}")),
                malformed(
                        "structured dataschema relative",
                        400,
                        "must be an absolute URI",
                        Request.structured(event("\"dataschema\":\"order.json\""))),
                malformed(
                        "structured upper-case extension name",
                        400,
                        "invalid extension name 'myExt' (JSON member \"myExt\")",
                        Request.structured(event("\"myExt\":\"v\""))),
                malformed(
                        "structured extension an object",
                        400,
                        "extension myext (JSON member \"myext\") must be a string, an integer or a boolean, got object",
                        Request.structured(event("\"myext\":{\"a\":1}"))),
                malformed(
                        "structured extension a fraction",
                        400,
                        "got number with a fraction",
                        Request.structured(event("\"myext\":1.5"))),
                malformed(
                        "structured data_base64 invalid",
                        400,
                        "\"data_base64\" is not valid base64",
                        Request.structured(
                                event(
                                        "\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"@@not base64@@\""))),
                malformed(
                        "structured data_base64 a number",
                        400,
                        "\"data_base64\" must be a JSON string of base64, got number",
                        Request.structured(event("\"data_base64\":12"))),
                malformed(
                        "structured data and data_base64",
                        400,
                        "has both \"data\" and \"data_base64\"",
                        Request.structured(event("\"data\":\"x\",\"data_base64\":\"eA==\""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void refusesMalformedRequests(Request request, int status, String message) {
        ParsedEvent parsed = IncomingEvents.parse(request.headers(), request.body());

        assertThat(parsed).isInstanceOf(ParsedEvent.Invalid.class);
        ParsedEvent.Invalid invalid = (ParsedEvent.Invalid) parsed;
        assertThat(invalid.message()).contains(message);
        assertThat(invalid.status()).as(invalid.message()).isEqualTo(status);
    }

    private static Arguments valid(String name, Encoding encoding, Request request, Consumer<CloudEvent> expected) {
        return Arguments.of(named(name, request), encoding, expected);
    }

    private static String data(CloudEvent event) {
        return new String(event.getData().toBytes(), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
                valid(
                        "binary with JSON data",
                        Encoding.BINARY,
                        Request.binary(
                                "{\"order\":42}",
                                "Content-Type",
                                JSON,
                                "ce-time",
                                "2026-11-03T10:15:30.5+01:00",
                                "ce-subject",
                                "orders/42",
                                "ce-dataschema",
                                "https://schemas.example.com/o.json"),
                        event -> {
                            assertThat(event.getId()).isEqualTo("e-1");
                            assertThat(event.getSource())
                                    .isEqualTo(URI.create("/apis/v1/namespaces/default/pingsources/p"));
                            assertThat(event.getType()).isEqualTo("dev.kinetic.test");
                            assertThat(event.getDataContentType()).isEqualTo(JSON);
                            assertThat(event.getSubject()).isEqualTo("orders/42");
                            assertThat(event.getDataSchema())
                                    .isEqualTo(URI.create("https://schemas.example.com/o.json"));
                            assertThat(event.getTime().toInstant())
                                    .isEqualTo(OffsetDateTime.parse("2026-11-03T09:15:30.5Z")
                                            .toInstant());
                            assertThat(data(event)).isEqualTo("{\"order\":42}");
                        }),
                valid(
                        "binary with text data",
                        Encoding.BINARY,
                        Request.binary("caf\u00e9 au lait", "Content-Type", "text/plain; charset=utf-8"),
                        event -> {
                            assertThat(event.getDataContentType()).isEqualTo("text/plain; charset=utf-8");
                            assertThat(data(event)).isEqualTo("caf\u00e9 au lait");
                        }),
                valid("binary without data", Encoding.BINARY, Request.binary(null), event -> {
                    assertThat(event.getData()).isNull();
                    assertThat(event.getDataContentType()).isNull();
                    assertThat(event.getExtensionNames()).isEmpty();
                }),
                valid(
                        "binary with mixed-case header names",
                        Encoding.BINARY,
                        Request.of(
                                "",
                                "Ce-SpecVersion",
                                "1.0",
                                "CE-ID",
                                "e-9",
                                "Ce-Source",
                                "urn:x",
                                "ce-TYPE",
                                "t",
                                "Ce-MyExt",
                                "v"),
                        event -> {
                            assertThat(event.getId()).isEqualTo("e-9");
                            assertThat(event.getExtension("myext")).isEqualTo("v");
                        }),
                valid(
                        "extensions percent-encoded, non-ASCII",
                        Encoding.BINARY,
                        Request.binary("", "ce-note", "caf%C3%A9%20%E2%98%83%25", "ce-subject", "a%22b%22"),
                        event -> {
                            assertThat(event.getExtension("note")).isEqualTo("caf\u00e9 \u2603%");
                            assertThat(event.getSubject()).isEqualTo("a\"b\"");
                        }),
                valid(
                        "lower-case hex",
                        Encoding.BINARY,
                        Request.binary("", "ce-note", "caf%c3%a9%2c%e2%82%ac"),
                        event -> assertThat(event.getExtension("note")).isEqualTo("caf\u00e9,\u20ac")),
                valid(
                        "percent-encoded required attributes",
                        Encoding.BINARY,
                        Request.binary("", "ce-id", "order%2042", "ce-type", "caf%C3%A9"),
                        event -> {
                            assertThat(event.getId()).isEqualTo("order 42");
                            assertThat(event.getType()).isEqualTo("caf\u00e9");
                        }),
                valid(
                        "double-quoted header value",
                        Encoding.BINARY,
                        Request.binary("", "ce-subject", "\"hello, \\\"world\\\"\"", "ce-note", "\"\""),
                        event -> {
                            assertThat(event.getSubject()).isEqualTo("hello, \"world\"");
                            assertThat(event.getExtension("note")).isEqualTo("");
                        }),
                valid(
                        "double-quoted and percent-encoded",
                        Encoding.BINARY,
                        Request.binary("", "ce-note", "\"caf%C3%A9\""),
                        event -> assertThat(event.getExtension("note")).isEqualTo("caf\u00e9")),
                valid(
                        "raw UTF-8 bytes read as ISO-8859-1",
                        Encoding.BINARY,
                        Request.binary("", "ce-note", "caf\u00c3\u00a9"),
                        event -> assertThat(event.getExtension("note")).isEqualTo("caf\u00e9")),
                valid(
                        "partitionkey extension kept",
                        Encoding.BINARY,
                        Request.binary(
                                "{}",
                                "Content-Type",
                                JSON,
                                "ce-partitionkey",
                                "customer-1",
                                "ce-knativebrokerttl",
                                "255"),
                        event -> {
                            assertThat(event.getExtension("partitionkey")).isEqualTo("customer-1");
                            assertThat(event.getExtension("knativebrokerttl")).isEqualTo("255");
                        }),
                valid(
                        "binary ce-datacontenttype ignored when Content-Type is given",
                        Encoding.BINARY,
                        Request.binary("x", "Content-Type", "text/plain", "ce-datacontenttype", JSON),
                        event -> {
                            assertThat(event.getDataContentType()).isEqualTo("text/plain");
                            assertThat(event.getExtensionNames()).isEmpty();
                        }),
                valid(
                        "binary ce-datacontenttype used without Content-Type",
                        Encoding.BINARY,
                        Request.binary("{}", "ce-datacontenttype", JSON),
                        event -> assertThat(event.getDataContentType()).isEqualTo(JSON)),
                valid(
                        "binary with an octet-stream body",
                        Encoding.BINARY,
                        new Request(
                                Request.binary(null, "Content-Type", "application/octet-stream")
                                        .headers(),
                                Buffer.buffer(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})),
                        event -> assertThat(event.getData().toBytes()).containsExactly(0, 1, 0xfe, 0xff)),
                valid(
                        "structured with JSON data",
                        Encoding.STRUCTURED,
                        Request.structured(event("\"datacontenttype\":\"application/json\",\"data\":{\"order\":42},"
                                + "\"time\":\"2026-11-03T10:15:30Z\",\"partitionkey\":\"customer-1\"")),
                        event -> {
                            assertThat(event.getId()).isEqualTo("e-1");
                            assertThat(event.getDataContentType()).isEqualTo(JSON);
                            assertThat(data(event)).isEqualTo("{\"order\":42}");
                            assertThat(event.getExtension("partitionkey")).isEqualTo("customer-1");
                        }),
                valid(
                        "structured with text data",
                        Encoding.STRUCTURED,
                        Request.structured(event("\"datacontenttype\":\"text/plain\",\"data\":\"caf\u00e9\"")),
                        event -> assertThat(data(event)).isEqualTo("caf\u00e9")),
                valid(
                        "structured with data_base64",
                        Encoding.STRUCTURED,
                        Request.structured(
                                event("\"datacontenttype\":\"application/octet-stream\",\"data_base64\":\"AAH+/w==\"")),
                        event -> assertThat(event.getData().toBytes()).containsExactly(0, 1, 0xfe, 0xff)),
                valid(
                        "structured without data",
                        Encoding.STRUCTURED,
                        Request.structured(event("")),
                        event -> assertThat(event.getData()).isNull()),
                valid(
                        "structured with typed extensions",
                        Encoding.STRUCTURED,
                        Request.structured(event("\"attempt\":3,\"replay\":true,\"note\":\"x\"")),
                        event -> {
                            assertThat(event.getExtension("attempt")).isEqualTo(3);
                            assertThat(event.getExtension("replay")).isEqualTo(true);
                            assertThat(event.getExtension("note")).isEqualTo("x");
                        }),
                valid(
                        "structured content type with parameters, any case",
                        Encoding.STRUCTURED,
                        Request.of(event(""), "Content-Type", "Application/CloudEvents+JSON; charset=UTF-8"),
                        event -> assertThat(event.getId()).isEqualTo("e-1")),
                valid(
                        "structured ignores ce- headers",
                        Encoding.STRUCTURED,
                        Request.of(event(""), "Content-Type", STRUCTURED, "ce-id", "other", "ce-bad_name", "%zz"),
                        event -> {
                            assertThat(event.getId()).isEqualTo("e-1");
                            assertThat(event.getExtensionNames()).isEmpty();
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void acceptsValidRequests(Request request, Encoding encoding, Consumer<CloudEvent> expected) {
        ParsedEvent parsed = IncomingEvents.parse(request.headers(), request.body());

        assertThat(parsed).as("%s", parsed).isInstanceOfSatisfying(ParsedEvent.Valid.class, valid -> {
            assertThat(valid.encoding()).isEqualTo(encoding);
            assertThat(valid.event().getSpecVersion().toString()).isEqualTo("1.0");
            expected.accept(valid.event());
        });
    }
}
