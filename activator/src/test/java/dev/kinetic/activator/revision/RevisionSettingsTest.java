package dev.kinetic.activator.revision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionSpec;
import dev.kinetic.dataplane.Timeouts;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionSettingsTest {

    record Row(String name, RevisionSpec spec, RevisionSettings expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("no spec at all", null, new RevisionSettings(0, 300, 300, 0)),
                new Row("empty spec: Knative's defaults", new RevisionSpec(), new RevisionSettings(0, 300, 300, 0)),
                new Row(
                        "containerConcurrency",
                        new RevisionSpec().setContainerConcurrency(3L),
                        new RevisionSettings(3, 300, 300, 0)),
                new Row(
                        "response start follows the timeout when unset",
                        new RevisionSpec().setTimeoutSeconds(10L),
                        new RevisionSettings(0, 10, 10, 0)),
                new Row(
                        "all set",
                        new RevisionSpec()
                                .setContainerConcurrency(10L)
                                .setTimeoutSeconds(60L)
                                .setResponseStartTimeoutSeconds(5L)
                                .setIdleTimeoutSeconds(7L),
                        new RevisionSettings(10, 60, 5, 7)),
                new Row(
                        "negative values fall back",
                        new RevisionSpec().setContainerConcurrency(-1L).setTimeoutSeconds(-5L),
                        new RevisionSettings(0, 300, 300, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void readsTheSpec(Row row) {
        Revision r = new Revision();
        r.setSpec(row.spec());
        assertThat(RevisionSettings.of(r)).isEqualTo(row.expected());
    }

    @Test
    void timeoutsRunFromArrival() {
        RevisionSettings s = new RevisionSettings(0, 10, 4, 2);
        assertThat(s.remainingTimeouts(0)).isEqualTo(new Timeouts(10_000, 4_000, 2_000, "activator request timeout"));
        assertThat(s.remainingTimeouts(1_500))
                .isEqualTo(new Timeouts(8_500, 2_500, 2_000, "activator request timeout"));
        // Passed already: the smallest timeout, not none.
        assertThat(s.remainingTimeouts(60_000).totalMillis()).isEqualTo(1);
        assertThat(new RevisionSettings(0, 0, 0, 0).remainingTimeouts(5).totalMillis())
                .as("off stays off")
                .isZero();
    }
}
