package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.benchmarks.report.EventingResults.Measure;
import dev.kinetic.benchmarks.report.EventingResults.Row;
import dev.kinetic.benchmarks.report.EventingResults.Subject;
import dev.kinetic.benchmarks.report.EventingResults.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventingResultsTest {
    static Row ingress(Subject s, int c, double rate, double cpu, long errors) {
        return new Row(Measure.INGRESS, s, c, (long) rate * 10, 10, rate, 900, 4000, cpu, 20, errors, "");
    }

    static Row dispatch(Subject s, double rate) {
        return new Row(
                Measure.DISPATCH,
                s,
                50,
                1_000_000,
                1_000_000 / rate,
                rate,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                "");
    }

    static Row latency(Subject s, double p50) {
        return new Row(Measure.LATENCY, s, 1000, 10_000, 10, 1000, p50, p50 * 3, Double.NaN, Double.NaN, 0, "");
    }

    @Test
    void rowsSurviveTheirLine() {
        for (Row r : List.of(
                ingress(Subject.RAW, 16, 30_000, 8.5, 0),
                dispatch(Subject.KINETIC, 12_000),
                latency(Subject.DISPATCHER, 700),
                Row.failed(Measure.LATENCY, Subject.KINETIC, 1000, "the receiver jar is missing"))) {
            Row back = Row.parse(r.line());
            assertThat(back.line()).isEqualTo(r.line());
            assertThat(back.measure()).isEqualTo(r.measure());
        }
        assertThat(Row.parse(dispatch(Subject.RAW, 10_000).line()).p50Us()).isNaN();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "dispatch at 0.9x raw, DISPATCH, 9000, 10000, PASS",
        "dispatch at exactly 0.8x, DISPATCH, 8000, 10000, PASS",
        "dispatch at 0.7x raw, DISPATCH, 7000, 10000, MISS",
        "latency 1.5 ms over raw, LATENCY, 4500, 3000, PASS",
        "latency 2 ms over raw, LATENCY, 5000, 3000, PASS",
        "latency 2.5 ms over raw, LATENCY, 5500, 3000, MISS",
    })
    void ratioAndOverheadTargets(String name, Measure measure, double ours, double raw, Verdict.Outcome expected) {
        List<Row> rows = measure == Measure.DISPATCH
                ? List.of(dispatch(Subject.RAW, raw), dispatch(Subject.KINETIC, ours))
                : List.of(latency(Subject.RAW, raw), latency(Subject.KINETIC, ours));

        assertThat(EventingResults.targets(rows))
                .filteredOn(t -> t.target().startsWith(measure == Measure.DISPATCH ? "dispatch" : "end-to-end"))
                .singleElement()
                .extracting(Target::outcome)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "under 15 µs, 12.0, 0, PASS",
        "exactly 15 µs, 15.0, 0, PASS",
        "over 15 µs, 18.0, 0, MISS",
        "cheap but failing, 10.0, 10000, ERRORS",
    })
    void receiverCpuAt64Connections(String name, double cpu, long errors, Verdict.Outcome expected) {
        List<Row> rows =
                List.of(ingress(Subject.KINETIC, 16, 20_000, 99, 0), ingress(Subject.KINETIC, 64, 20_000, cpu, errors));

        assertThat(EventingResults.targets(rows))
                .filteredOn(t -> t.target().startsWith("receiver CPU"))
                .singleElement()
                .extracting(Target::outcome)
                .isEqualTo(expected);
    }

    @Test
    void missingRunsAreNotMeasured() {
        List<Target> targets = EventingResults.targets(
                List.of(Row.failed(Measure.INGRESS, Subject.KINETIC, 64, "no jar"), dispatch(Subject.RAW, 10_000)));

        assertThat(targets)
                .extracting(Target::outcome)
                .containsOnly(Verdict.Outcome.NOT_MEASURED)
                .hasSize(3);
    }

    @Test
    void theSectionHasTablesRatiosAndVerdicts() {
        List<String> tsv = List.of(
                Row.HEADER,
                ingress(Subject.RAW, 64, 40_000, 6, 0).line(),
                ingress(Subject.KINETIC, 64, 20_000, 12, 0).line(),
                dispatch(Subject.RAW, 10_000).line(),
                dispatch(Subject.KINETIC, 9_000).line(),
                latency(Subject.RAW, 1_000).line(),
                latency(Subject.RECEIVER, 2_000).line(),
                latency(Subject.KINETIC, 2_500).line(),
                latency(Subject.DISPATCHER, 800).line());

        String md = EventingResults.markdown(tsv, Map.of("backlog", "1,000,000", "partitions", "10"), null);

        assertThat(md)
                .contains("## Eventing: broker receiver and dispatcher")
                .contains("| wrk → receiver (CPU: receiver) | 64 | 20000 | 0.50 |")
                .contains("| dispatcher → stub | 50 | 1,000,000 | 111.1 | 9000 | 0.90 | 0 |")
                .contains("+1.50 ms")
                .contains("| HTTP → receiver → Kafka → raw KafkaConsumer | 1,000 | 10,000 | 2.00 |")
                .contains("| raw KafkaProducer → Kafka → dispatcher → stub | 1,000 | 10,000 | 0.80 |")
                .contains("All measured eventing targets met.")
                .contains("1,000,000 events pre-filled");
        assertThat(EventingResults.markdown(List.of(), Map.of(), "Skipped (SKIP_EVENTING=1)."))
                .contains("Skipped (SKIP_EVENTING=1).");
    }
}
