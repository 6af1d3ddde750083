package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config-gc} parses with Knative's keys, defaults and {@code disabled} values, reporting every bad key. */
class GcConfigTest {

    static Stream<Arguments> parses() {
        return Stream.of(
                argumentSet(
                        "Knative's defaults",
                        Map.of(),
                        new GcConfig(
                                Optional.of(Duration.ofHours(48)),
                                Optional.of(Duration.ofHours(15)),
                                20,
                                OptionalLong.of(1000))),
                argumentSet(
                        "Knative's shipped values spelled out",
                        Map.of(
                                "retain-since-create-time", "48h",
                                "retain-since-last-active-time", "15h",
                                "min-non-active-revisions", "20",
                                "max-non-active-revisions", "1000"),
                        GcConfig.defaults()),
                argumentSet(
                        "disabled times and max",
                        Map.of(
                                "retain-since-create-time", "disabled",
                                "retain-since-last-active-time", "Disabled",
                                "max-non-active-revisions", "DISABLED"),
                        new GcConfig(Optional.empty(), Optional.empty(), 20, OptionalLong.empty())),
                argumentSet(
                        "custom values",
                        Map.of(
                                "retain-since-create-time", "1h30m",
                                "retain-since-last-active-time", "30m",
                                "min-non-active-revisions", "0",
                                "max-non-active-revisions", "5"),
                        new GcConfig(
                                Optional.of(Duration.ofMinutes(90)),
                                Optional.of(Duration.ofMinutes(30)),
                                0,
                                OptionalLong.of(5))),
                argumentSet(
                        "zero durations",
                        Map.of("retain-since-create-time", "0s", "retain-since-last-active-time", "0"),
                        new GcConfig(
                                Optional.of(Duration.ZERO), Optional.of(Duration.ZERO), 20, OptionalLong.of(1000))),
                argumentSet(
                        "min equal to max",
                        Map.of("min-non-active-revisions", "3", "max-non-active-revisions", "3"),
                        new GcConfig(
                                Optional.of(Duration.ofHours(48)),
                                Optional.of(Duration.ofHours(15)),
                                3,
                                OptionalLong.of(3))),
                argumentSet(
                        "min above a disabled max",
                        Map.of("min-non-active-revisions", "5000", "max-non-active-revisions", "disabled"),
                        new GcConfig(
                                Optional.of(Duration.ofHours(48)),
                                Optional.of(Duration.ofHours(15)),
                                5000,
                                OptionalLong.empty())));
    }

    @ParameterizedTest
    @MethodSource
    void parses(Map<String, String> data, GcConfig expected) {
        GcConfig.Parsed parsed = GcConfig.fromMap(data);
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config()).isEqualTo(expected);
    }

    static Stream<Arguments> reportsBadKeys() {
        return Stream.of(
                argumentSet(
                        "min above max",
                        Map.of("min-non-active-revisions", "10", "max-non-active-revisions", "5"),
                        List.of("min-non-active-revisions")),
                argumentSet(
                        "negative min", Map.of("min-non-active-revisions", "-1"), List.of("min-non-active-revisions")),
                argumentSet(
                        "min cannot be disabled",
                        Map.of("min-non-active-revisions", "disabled"),
                        List.of("min-non-active-revisions")),
                argumentSet(
                        "negative max", Map.of("max-non-active-revisions", "-1"), List.of("max-non-active-revisions")),
                argumentSet(
                        "max not a number",
                        Map.of("max-non-active-revisions", "lots"),
                        List.of("max-non-active-revisions")),
                argumentSet(
                        "negative duration",
                        Map.of("retain-since-create-time", "-1h"),
                        List.of("retain-since-create-time")),
                argumentSet(
                        "bare seconds are not a Go duration",
                        Map.of("retain-since-last-active-time", "60"),
                        List.of("retain-since-last-active-time")),
                argumentSet(
                        "every bad key at once",
                        Map.of(
                                "retain-since-create-time", "2 days",
                                "retain-since-last-active-time", "soon",
                                "min-non-active-revisions", "x",
                                "max-non-active-revisions", "y"),
                        List.of(
                                "retain-since-create-time",
                                "retain-since-last-active-time",
                                "min-non-active-revisions",
                                "max-non-active-revisions")));
    }

    @ParameterizedTest
    @MethodSource
    void reportsBadKeys(Map<String, String> data, List<String> paths) {
        GcConfig.Parsed parsed = GcConfig.fromMap(data);
        assertThat(parsed.errors().paths()).containsExactlyInAnyOrderElementsOf(paths);
    }
}
