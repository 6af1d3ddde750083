package dev.kinetic.autoscaler.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.kinetic.autoscaler.metrics.Aggregation;
import dev.kinetic.autoscaler.scaling.Observation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How reports of several sources, some bunched into one second, fill a revision's windows. */
class RevisionMetricsTest {
    private static final long T0 = 1_700_000_000_000L;

    /** One report: {@code source} at {@code T0 + atMillis}. */
    record Report(String source, long atMillis, double concurrency) {}

    record Row(String name, List<Report> reports, long observeAtMillis, double panic, double stable) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Report r(String source, long at, double concurrency) {
        return new Report(source, at, concurrency);
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("one activator, one report a second", List.of(r("a", 100, 50), r("a", 1100, 50)), 1500, 50, 50),
                new Row(
                        "a stalled activator's two reports in one second average (Knative would read 100)",
                        List.of(r("a", 100, 50), r("a", 1050, 50), r("a", 1950, 50)),
                        1990,
                        50,
                        50),
                new Row(
                        "three bunched reports of different values: their mean",
                        List.of(r("a", 1000, 30), r("a", 1300, 60), r("a", 1600, 90)),
                        1700,
                        60,
                        60),
                new Row("two activators in one second add", List.of(r("a", 1000, 20), r("b", 1200, 30)), 1500, 50, 50),
                new Row(
                        "scraper and activator in one second add",
                        List.of(r("scraper", 1000, 4), r("a", 1200, 46)),
                        1500,
                        50,
                        50),
                new Row(
                        "bunched reports of one activator next to a second one",
                        List.of(r("a", 1000, 20), r("b", 1100, 30), r("a", 1900, 40)),
                        1950,
                        60,
                        60),
                new Row(
                        "the same source in the next second starts a new bucket",
                        List.of(r("a", 1000, 20), r("a", 2000, 40)),
                        2500,
                        30,
                        30),
                new Row(
                        "a tick before the second's first report reads the last complete second (one bucket: 0)",
                        List.of(r("a", 100, 50), r("a", 1100, 50)),
                        2300,
                        50,
                        50),
                new Row(
                        "a source without a name is never merged",
                        List.of(r("", 1000, 20), r("", 1500, 20)),
                        1900,
                        40,
                        40),
                new Row(
                        "a source reporting again seconds later starts afresh; the gap reads 0 in the stable window, and"
                                + " the panic window, empty for a whole window, restarts",
                        List.of(r("gone", 1000, 10), r("a", 3000, 5), r("gone", 3100, 7)),
                        3500,
                        12,
                        (10 + 0 + 12) / 3.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void windows(Row row) {
        // A 6 s stable window and its 0.6 s panic window (10 %), which gets the two-bucket minimum.
        RevisionMetrics metrics = new RevisionMetrics(6000, 600, Aggregation.LINEAR);
        for (Report report : row.reports()) {
            metrics.record(report.source(), T0 + report.atMillis(), report.concurrency(), 0);
        }
        Observation seen = metrics.observe(T0 + row.observeAtMillis(), false, 1);
        assertThat(seen.hasData()).isTrue();
        assertThat(seen.panic()).as("panic").isCloseTo(row.panic(), offset(1e-6));
        assertThat(seen.stable()).as("stable").isCloseTo(row.stable(), offset(1e-6));
    }

    @Test
    void bunchedRequestCountsAddUp() {
        // A stalled activator: 100 requests counted over the 2 s before its late report, 3 in the moment after.
        RevisionMetrics metrics = new RevisionMetrics(6000, 600, Aggregation.LINEAR);
        metrics.record("a", T0 + 1100, 40, 100);
        metrics.record("a", T0 + 1150, 50, 3);
        Observation rps = metrics.observe(T0 + 1500, true, 1);
        assertThat(rps.panic()).isEqualTo(103);
        assertThat(metrics.observe(T0 + 1500, false, 1).panic()).isEqualTo(45);
    }
}
