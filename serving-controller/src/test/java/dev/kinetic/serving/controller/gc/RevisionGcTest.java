package dev.kinetic.serving.controller.gc;

import static dev.kinetic.testsupport.fixtures.Options.withAnnotation;
import static dev.kinetic.testsupport.fixtures.Options.withLabel;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.config.GcConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Revision GC deletes exactly what {@code config-gc} allows, oldest first. */
class RevisionGcTest {
    private static final Instant NOW = Instant.parse("2026-08-01T12:00:00Z");
    private static final String LATEST_CREATED = "hello-00100";
    private static final String LATEST_READY = "hello-00099";

    private static final GcConfig DEFAULTS = GcConfig.defaults();
    private static final GcConfig NO_MIN = gc(Map.of("min-non-active-revisions", "0"));

    static Stream<Arguments> collects() {
        return Stream.of(
                argumentSet(
                        "young reserve revisions are kept",
                        NO_MIN,
                        List.of(reserve("a", hours(1)), reserve("b", hours(2))),
                        List.of()),
                argumentSet(
                        "old and long inactive: deleted",
                        NO_MIN,
                        List.of(reserve("a", hours(72)).activeAgo(hours(20))),
                        List.of("a")),
                argumentSet(
                        "old but recently active: kept",
                        NO_MIN,
                        List.of(reserve("a", hours(72)).activeAgo(hours(10))),
                        List.of()),
                argumentSet(
                        "inactive since creation but younger than retain-since-create: kept",
                        NO_MIN,
                        List.of(reserve("a", hours(24))),
                        List.of()),
                argumentSet(
                        "exactly at both limits: deleted",
                        NO_MIN,
                        List.of(reserve("a", hours(48)).activeAgo(hours(15))),
                        List.of("a")),
                argumentSet(
                        "routed, pending and unlabelled revisions are kept",
                        NO_MIN,
                        List.of(
                                rev("active", hours(100), "active"),
                                rev("pending", hours(100), "pending"),
                                rev("unlabelled", hours(100), null)),
                        List.of()),
                argumentSet(
                        "latest created and latest ready are kept",
                        NO_MIN,
                        List.of(reserve(LATEST_CREATED, hours(100)), reserve(LATEST_READY, hours(100))),
                        List.of()),
                argumentSet(
                        "no-gc annotation keeps a revision",
                        NO_MIN,
                        List.of(reserve("keep", hours(100)).noGc(), reserve("drop", hours(100))),
                        List.of("drop")),
                argumentSet(
                        "unparsable routingStateModified falls back to the creation time",
                        NO_MIN,
                        List.of(reserve("a", hours(72))
                                .annotate("serving.knative.dev/routingStateModified", "yesterday")),
                        List.of("a")),
                argumentSet(
                        "min-non-active keeps the most recently active",
                        gc(Map.of("min-non-active-revisions", "2")),
                        List.of(
                                reserve("c", hours(100)).activeAgo(hours(30)),
                                reserve("a", hours(100)).activeAgo(hours(50)),
                                reserve("d", hours(100)).activeAgo(hours(20)),
                                reserve("b", hours(100)).activeAgo(hours(40))),
                        List.of("a", "b")),
                argumentSet(
                        "min-non-active counts non-active revisions only",
                        gc(Map.of("min-non-active-revisions", "2")),
                        List.of(
                                rev("routed1", hours(100), "active"),
                                rev("routed2", hours(100), "active"),
                                reserve("a", hours(100)),
                                reserve("b", hours(100))),
                        List.of()),
                argumentSet(
                        "Knative's defaults keep 20 non-active revisions",
                        DEFAULTS,
                        numbered(21, hours(100)),
                        List.of("old-00")),
                argumentSet(
                        "beyond max the oldest go whatever their age",
                        gc(Map.of("min-non-active-revisions", "0", "max-non-active-revisions", "2")),
                        List.of(
                                reserve("c", hours(3)),
                                reserve("a", hours(5)),
                                reserve("d", hours(2)),
                                reserve("b", hours(4))),
                        List.of("a", "b")),
                argumentSet(
                        "stale ones go first, then the oldest beyond max",
                        gc(Map.of("min-non-active-revisions", "0", "max-non-active-revisions", "1")),
                        List.of(reserve("young1", hours(2)), reserve("stale", hours(100)), reserve("young2", hours(1))),
                        List.of("stale", "young1")),
                argumentSet(
                        "max disabled: young revisions all kept",
                        gc(Map.of("min-non-active-revisions", "0", "max-non-active-revisions", "disabled")),
                        numbered(5, hours(1)),
                        List.of()),
                argumentSet(
                        "both times disabled: only max deletes",
                        gc(Map.of(
                                "min-non-active-revisions", "0",
                                "max-non-active-revisions", "1",
                                "retain-since-create-time", "disabled",
                                "retain-since-last-active-time", "disabled")),
                        numbered(3, hours(1000)),
                        List.of("old-00", "old-01")),
                argumentSet(
                        "retain-since-create disabled: last active time alone decides",
                        gc(Map.of("min-non-active-revisions", "0", "retain-since-create-time", "disabled")),
                        List.of(reserve("a", hours(20)), reserve("b", hours(10))),
                        List.of("a")),
                argumentSet(
                        "retain-since-last-active disabled: creation time alone decides",
                        gc(Map.of("min-non-active-revisions", "0", "retain-since-last-active-time", "disabled")),
                        List.of(reserve("a", hours(50)).activeAgo(hours(1)), reserve("b", hours(10))),
                        List.of("a")),
                argumentSet(
                        "all disabled: nothing deleted",
                        gc(Map.of(
                                "min-non-active-revisions", "0",
                                "max-non-active-revisions", "disabled",
                                "retain-since-create-time", "disabled",
                                "retain-since-last-active-time", "disabled")),
                        numbered(3, hours(1000)),
                        List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void collects(GcConfig config, List<Rev> revisions, List<String> deleted) {
        List<RevisionInfo> infos = revisions.stream().map(Rev::info).toList();
        assertThat(RevisionGc.collect(infos, LATEST_CREATED, LATEST_READY, config, NOW))
                .containsExactlyElementsOf(deleted);
    }

    @Test
    void fromReadsTheRevisionsMetadata() {
        Revision revision = revision(
                "default",
                "hello-00001",
                withLabel("serving.knative.dev/routingState", "reserve"),
                withAnnotation("serving.knative.dev/routingStateModified", "2026-08-01T10:00:00+02:00"),
                withAnnotation("serving.knative.dev/no-gc", "true"));
        revision.getMetadata().setCreationTimestamp("2026-07-30T12:00:00Z");

        RevisionInfo info = RevisionInfo.from(revision);

        assertThat(info.name()).isEqualTo("hello-00001");
        assertThat(info.creationTimestamp()).contains(Instant.parse("2026-07-30T12:00:00Z"));
        assertThat(info.routingState()).isEqualTo("reserve");
        assertThat(info.preserved()).isTrue();
        assertThat(info.lastActive()).contains(Instant.parse("2026-08-01T08:00:00Z"));
    }

    @Test
    void aRevisionNotYetStoredIsNeverStale() {
        RevisionInfo unsaved = new RevisionInfo(
                "new", Optional.empty(), Map.of("serving.knative.dev/routingState", "reserve"), Map.of());
        assertThat(RevisionGc.collect(List.of(unsaved), null, null, NO_MIN, NOW))
                .isEmpty();
    }

    // ------------------------------------------------------------------ fixtures

    /** A revision under construction: name, age, routing state, annotations. */
    record Rev(String name, Duration age, String routingState, Map<String, String> annotations) {
        Rev activeAgo(Duration ago) {
            return annotate(
                    "serving.knative.dev/routingStateModified", NOW.minus(ago).toString());
        }

        Rev noGc() {
            return annotate("serving.knative.dev/no-gc", "true");
        }

        Rev annotate(String key, String value) {
            Map<String, String> copy = new HashMap<>(annotations);
            copy.put(key, value);
            return new Rev(name, age, routingState, copy);
        }

        RevisionInfo info() {
            Map<String, String> labels = new HashMap<>();
            if (routingState != null) {
                labels.put("serving.knative.dev/routingState", routingState);
            }
            return new RevisionInfo(name, Optional.of(NOW.minus(age)), labels, annotations);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Rev rev(String name, Duration age, String routingState) {
        return new Rev(name, age, routingState, Map.of());
    }

    private static Rev reserve(String name, Duration age) {
        return rev(name, age, "reserve");
    }

    /** {@code count} reserve revisions {@code old-00}, {@code old-01}, …, each a minute younger than the last. */
    private static List<Rev> numbered(int count, Duration age) {
        List<Rev> revs = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> revs.add(reserve(String.format("old-%02d", i), age.minusMinutes(i))));
        return revs;
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }

    private static GcConfig gc(Map<String, String> data) {
        GcConfig.Parsed parsed = GcConfig.fromMap(data);
        assertThat(parsed.errors().list()).isEmpty();
        return parsed.config();
    }
}
