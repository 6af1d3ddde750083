package dev.kinetic.autoscaler.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scale-down delay's max window (Knative {@code aggregation/max} tests). */
class DelayWindowTest {

    /** Values recorded at the given seconds into a window of {@code windowSeconds}; the max after each record. */
    record Row(String name, long windowSeconds, long[] seconds, int[] values, int[] maxes, int finalSize) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("one value", 5, new long[] {0}, new int[] {3}, new int[] {3}, 1),
                new Row(
                        "rising values replace each other",
                        5,
                        new long[] {0, 1, 2},
                        new int[] {1, 2, 3},
                        new int[] {1, 2, 3},
                        1),
                new Row(
                        "falling values queue up until the window passes",
                        5,
                        new long[] {0, 1, 2, 5, 6},
                        new int[] {9, 8, 7, 6, 5},
                        new int[] {9, 9, 9, 8, 7},
                        3),
                new Row(
                        "an equal value renews the hold",
                        3,
                        new long[] {0, 2, 4},
                        new int[] {5, 5, 1},
                        new int[] {5, 5, 5},
                        2),
                new Row(
                        "same second: the larger value stands",
                        3,
                        new long[] {0, 0, 0},
                        new int[] {4, 7, 2},
                        new int[] {4, 7, 7},
                        1),
                new Row(
                        "a gap longer than the window forgets everything",
                        3,
                        new long[] {0, 10},
                        new int[] {9, 1},
                        new int[] {9, 1},
                        1),
                new Row(
                        "a clock stepping back counts as the newest second",
                        3,
                        new long[] {10, 5, 12},
                        new int[] {9, 1, 0},
                        new int[] {9, 9, 9},
                        2),
                new Row(
                        "a window under a second keeps one second",
                        0,
                        new long[] {0, 1},
                        new int[] {9, 1},
                        new int[] {9, 1},
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void keepsTheMaximum(Row row) {
        DelayWindow w = DelayWindow.EMPTY;
        for (int i = 0; i < row.seconds().length; i++) {
            w = w.record(row.seconds()[i] * 1000 + 300, row.values()[i], row.windowSeconds() * 1000);
            assertThat(w.max()).as("max after record " + i).isEqualTo(row.maxes()[i]);
        }
        assertThat(w.size()).as("entries kept").isEqualTo(row.finalSize());
    }

    @Test
    void emptyWindowHasNoMaximum() {
        assertThat(DelayWindow.EMPTY.max()).isZero();
        assertThat(DelayWindow.EMPTY.isEmpty()).isTrue();
    }

    @Test
    void recordingWhatTheWindowAlreadyHoldsReturnsTheSameWindow() {
        DelayWindow w = DelayWindow.EMPTY.record(1000, 7, 60_000);
        assertThat(w.record(1500, 3, 60_000)).isSameAs(w);
        assertThat(w.record(2000, 3, 60_000)).isNotSameAs(w).isNotEqualTo(w);
    }

    @Test
    void aSteadyValueKeepsOneEntryHoweverLongTheWindow() {
        DelayWindow w = DelayWindow.EMPTY;
        for (int s = 0; s < 3600; s += 2) {
            w = w.record(s * 1000L, 4, 3_600_000);
        }
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.max()).isEqualTo(4);
        assertThat(w)
                .isEqualTo(DelayWindow.EMPTY.record(3598_000, 4, 1000))
                .hasSameHashCodeAs(DelayWindow.EMPTY.record(3598_000, 4, 1000));
        assertThat(w.toString()).isEqualTo("DelayWindow[3598s=4]");
    }
}
