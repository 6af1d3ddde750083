package dev.kinetic.eventing.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every case of the CESQL TCK (test resources {@code cesql-tck/}, kept identical to the shared copy by {@link
 * CesqlTckCopyTest}) through {@link Cesql}: the value must equal {@code result} when the case gives one, and the error
 * must be exactly the case's {@code error} (none when absent), as the TCK's README says.
 */
class CesqlTckTest {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventFormat FORMAT = new JsonFormat();

    /** A valid event for cases that give none: only the required attributes. */
    private static final CloudEvent ANY_EVENT = CloudEventBuilder.v1()
            .withId("tck")
            .withSource(URI.create("/tck"))
            .withType("dev.kinetic.tck")
            .build();

    record Case(String expression, JsonNode result, String error, CloudEvent event) {}

    static Path tckDirectory() {
        try {
            return Path.of(CesqlTckTest.class.getResource("/cesql-tck").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> tckFiles() throws IOException {
        try (Stream<Path> files = Files.list(tckDirectory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Path file : tckFiles()) {
            JsonNode suite = YAML.readTree(file.toFile());
            String fileName = file.getFileName().toString();
            for (JsonNode test : suite.get("tests")) {
                cases.add(Arguments.of(
                        fileName + ": " + test.get("name").asText(),
                        new Case(
                                test.get("expression").asText(),
                                test.get("result"),
                                test.hasNonNull("error") ? test.get("error").asText() : null,
                                event(test))));
            }
        }
        return cases.stream();
    }

    private static CloudEvent event(JsonNode test) {
        CloudEvent event = ANY_EVENT;
        if (test.hasNonNull("event")) {
            try {
                event = FORMAT.deserialize(JSON.writeValueAsBytes(test.get("event")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode overrides = test.get("eventOverrides");
        if (overrides == null) {
            return event;
        }
        CloudEventBuilder builder = CloudEventBuilder.from(event);
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> override = it.next();
            String name = override.getKey();
            JsonNode value = override.getValue();
            if (value.isBoolean()) {
                builder.withExtension(name, value.booleanValue());
            } else if (value.isIntegralNumber()) {
                builder.withExtension(name, value.intValue());
            } else {
                builder.withContextAttribute(name, value.asText());
            }
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tckCase(String name, Case tck) {
        if ("parse".equals(tck.error())) {
            assertThatThrownBy(() -> Cesql.parse(tck.expression()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(tck.expression());
            return;
        }
        Cesql.Evaluation evaluation = Cesql.parse(tck.expression()).evaluate(tck.event());
        if (tck.result() != null) {
            assertThat(evaluation.value()).as("result").isEqualTo(expected(tck.result()));
        }
        assertThat(evaluation.error() == null ? null : evaluation.error().tckName())
                .as("error (%s)", evaluation.message())
                .isEqualTo(tck.error());
    }

    private static Object expected(JsonNode result) {
        if (result.isBoolean()) {
            return result.booleanValue();
        }
        if (result.isIntegralNumber()) {
            return result.intValue();
        }
        return result.asText();
    }

    @Test
    void theWholeTckIsThere() throws IOException {
        assertThat(tckFiles()).hasSize(18);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(275);
    }
}
