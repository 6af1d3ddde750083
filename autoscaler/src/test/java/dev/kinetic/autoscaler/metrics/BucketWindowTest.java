package dev.kinetic.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The bucketed window, table-driven (Knative {@code bucketing_test.go}). Times are in milliseconds from T0. */
class BucketWindowTest {
    static final long T0 = 1_700_000_000_000L;

    /** One step: record a value, or check the average, or check emptiness, at a time. */
    interface Op {}

    record Record(long at, double value) implements Op {}

    record Average(long at, double expected) implements Op {}

    record Empty(long at, boolean expected) implements Op {}

    static Op rec(double second, double value) {
        return new Record(Math.round(second * 1000), value);
    }

    static Op avg(double second, double expected) {
        return new Average(Math.round(second * 1000), expected);
    }

    static Op empty(double second, boolean expected) {
        return new Empty(Math.round(second * 1000), expected);
    }

    record Row(String name, long windowMillis, long granularityMillis, Aggregation aggregation, List<Op> ops) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row linear(String name, long windowSeconds, Op... ops) {
        return new Row(name, windowSeconds * 1000, 1000, Aggregation.LINEAR, List.of(ops));
    }

    static Row weighted(String name, Op... ops) {
        return new Row(name, 5000, 1000, Aggregation.WEIGHTED_EXPONENTIAL, List.of(ops));
    }

    /** Weighted-exponential decay for a 5-bucket window: 1 − (1 − 0.9999)^(1/5). */
    static final double ALPHA_5 = 0.8415106807538921;

    static Stream<Row> rows() {
        return Stream.of(
                linear("nothing recorded: 0 and empty", 5, avg(0, 0), empty(0, true)),
                linear("one record: its value", 5, rec(0, 4), avg(0, 4), avg(0.999, 4), empty(0, false)),
                linear("same-second records add up", 5, rec(0.1, 2), rec(0.9, 3), avg(0.9, 5)),
                linear(
                        "partial window: divided by the buckets since the first record",
                        5,
                        rec(0, 2),
                        rec(1, 4),
                        avg(1, 3)),
                linear(
                        "full window: the last five seconds only",
                        5,
                        rec(0, 1),
                        rec(1, 2),
                        rec(2, 3),
                        rec(3, 4),
                        rec(4, 5),
                        rec(5, 6),
                        rec(6, 7),
                        avg(6, 5)),
                linear("a gap between records counts as zeros", 5, rec(0, 10), rec(3, 5), avg(3, 3.75)),
                linear(
                        "idle since the last record: the average of the buckets still in the window",
                        5,
                        rec(0, 10),
                        rec(1, 10),
                        rec(2, 10),
                        rec(3, 10),
                        rec(4, 20),
                        avg(4, 12),
                        avg(6, 13.333333)),
                linear(
                        "a whole window after the last record: 0, and empty only after that",
                        5,
                        rec(0, 10),
                        avg(4.9, 10),
                        avg(5, 0),
                        empty(5, false),
                        empty(5.999, false),
                        empty(6, true),
                        avg(6, 0)),
                linear(
                        "after an idle window the window starts afresh",
                        5,
                        rec(0, 10),
                        rec(1, 10),
                        rec(10, 2),
                        avg(10, 2),
                        rec(11, 4),
                        avg(11, 3)),
                linear(
                        "a record just a window after the last one also starts afresh",
                        5,
                        rec(0, 10),
                        rec(5, 2),
                        avg(5, 2)),
                linear("a late record within the window counts", 5, rec(3, 4), rec(1, 2), avg(3, 2)),
                linear("a record older than the window is dropped", 5, rec(10, 5), rec(5, 100), avg(10, 5)),
                linear("a time before the last record reads the current window", 5, rec(5, 5), avg(4, 5)),
                linear(
                        "the ring wraps around",
                        3,
                        rec(0, 0),
                        rec(1, 1),
                        rec(2, 2),
                        rec(3, 3),
                        rec(4, 4),
                        rec(5, 5),
                        rec(6, 6),
                        rec(7, 7),
                        rec(8, 8),
                        rec(9, 9),
                        avg(9, 8)),
                linear(
                        "zeros after load bring the average down to exactly 0",
                        3,
                        rec(0, 0.1),
                        rec(1, 0.2),
                        rec(2, 0.7),
                        rec(3, 0),
                        rec(4, 0),
                        rec(5, 0),
                        avg(5, 0)),
                linear("decimal sums are cut to six decimals", 5, rec(0, 0.1), rec(0, 0.2), avg(0, 0.3)),
                new Row(
                        "two-second buckets",
                        10_000,
                        2000,
                        Aggregation.LINEAR,
                        List.of(rec(0, 1), rec(1, 1), rec(2, 4), avg(3, 3), avg(11, 4), empty(13.9, false))),
                weighted("weighted: one record weighs alpha", rec(0, 10), avg(0, 10 * ALPHA_5)),
                weighted(
                        "weighted: the recent bucket weighs more",
                        rec(0, 10),
                        rec(1, 0),
                        avg(1, 10 * ALPHA_5 * (1 - ALPHA_5))),
                weighted("weighted: newer load dominates", rec(0, 0), rec(1, 10), avg(1, 10 * ALPHA_5)),
                weighted(
                        "weighted: idle buckets decay the last record",
                        rec(0, 10),
                        avg(2, 10 * ALPHA_5 * (1 - ALPHA_5) * (1 - ALPHA_5))),
                weighted("weighted: 0 a whole window later", rec(0, 10), avg(5, 0), empty(6, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void averages(Row row) {
        BucketWindow w = new BucketWindow(row.windowMillis(), row.granularityMillis(), row.aggregation());
        for (Op op : row.ops()) {
            if (op instanceof Record r) {
                w.record(T0 + r.at(), r.value());
            } else if (op instanceof Average a) {
                assertThat(w.average(T0 + a.at()))
                        .as("average at %d ms", a.at())
                        .isCloseTo(a.expected(), offset(1e-9));
            } else if (op instanceof Empty e) {
                assertThat(w.isEmpty(T0 + e.at())).as("empty at %d ms", e.at()).isEqualTo(e.expected());
            }
        }
    }

    @Test
    void zerosAfterFractionsAreExactlyZero() {
        // A running total would be left with 0.1 + 0.2 - 0.1 - 0.2 = 2.8e-17 here, and ceil(that / target) is a pod.
        assertThat(0.1 + 0.2 - 0.1 - 0.2).isNotZero();
        BucketWindow w = new BucketWindow(2000);
        w.record(T0, 0.1);
        w.record(T0 + 1000, 0.2);
        w.record(T0 + 2000, 0);
        w.record(T0 + 3000, 0);
        assertThat(w.average(T0 + 3000)).isEqualTo(0.0);
    }

    @Test
    void windowIsRoundedUpToWholeBuckets() {
        BucketWindow w = new BucketWindow(2500);
        for (int s = 0; s < 5; s++) {
            w.record(T0 + s * 1000L, s);
        }
        assertThat(w.average(T0 + 4000)).as("three buckets: 2, 3, 4").isEqualTo(3.0);
        assertThat(w.windowMillis()).isEqualTo(2500);
        assertThat(w.granularityMillis()).isEqualTo(1000);
        assertThat(w.aggregation()).isEqualTo(Aggregation.LINEAR);
    }

    @Test
    void rejectsNonPositiveSizes() {
        assertThatThrownBy(() -> new BucketWindow(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BucketWindow(1000, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "linear, LINEAR",
        "weighted-exponential, WEIGHTED_EXPONENTIAL",
        "weightedExponential, WEIGHTED_EXPONENTIAL",
        "' weighted-exponential ', WEIGHTED_EXPONENTIAL",
        "cubic, LINEAR"
    })
    void aggregationFromTheAnnotation(String value, Aggregation expected) {
        assertThat(Aggregation.of(Map.of("autoscaling.knative.dev/metric-aggregation-algorithm", value)))
                .isEqualTo(expected);
        assertThat(Aggregation.of(Map.of("autoscaling.knative.dev/metricAggregationAlgorithm", value)))
                .as("legacy key")
                .isEqualTo(expected);
    }

    @Test
    void noAnnotationIsLinear() {
        assertThat(Aggregation.of(Map.of())).isEqualTo(Aggregation.LINEAR);
        assertThat(Aggregation.of(null)).isEqualTo(Aggregation.LINEAR);
    }
}
