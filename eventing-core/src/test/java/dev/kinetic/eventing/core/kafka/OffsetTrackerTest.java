package dev.kinetic.eventing.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OffsetTracker}: rows of steps on one partition and the committable offset after them. A step is {@code r5}
 * (offset 5 received), {@code f5} (finished), or a range {@code r0-99} / {@code f0-99}, ascending.
 */
class OffsetTrackerTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    static Stream<Arguments> rows() {
        int big = OffsetTracker.REBASE_AFTER * 3;
        return Stream.of(
                Arguments.of("nothing received", "", -1),
                Arguments.of("received, not finished", "r0", 0),
                Arguments.of("received and finished", "r0 f0", 1),
                Arguments.of("later ones finished, first not", "r0 r1 r2 f1 f2", 0),
                Arguments.of("first finished last", "r0 r1 r2 f1 f2 f0", 3),
                Arguments.of("prefix up to a hole", "r0 r1 r2 r3 f0 f1 f3", 2),
                Arguments.of("base is the first offset received", "r5 r6 f6", 5),
                Arguments.of("from a base", "r5 r6 f5", 6),
                Arguments.of("gap counts as finished", "r0 r3 f0", 3),
                Arguments.of("after a gap", "r0 r3 f0 f3", 4),
                Arguments.of("gap with the record before it unfinished", "r0 r3 f3", 0),
                Arguments.of("finishing an offset not received is ignored", "r0 f1", 0),
                Arguments.of("finishing before the base is ignored", "r10 f9", 10),
                Arguments.of("finishing twice", "r0 f0 f0", 1),
                Arguments.of("position reset backwards starts over", "r0 r1 f0 f1 r0", 0),
                Arguments.of("old completion after a reset is ignored", "r5 r6 r2 f5 f6", 2),
                Arguments.of("rebased, one hole", "r0-" + (big - 1) + " f0-4999 f5001-" + (big - 1), 5000),
                Arguments.of("rebased, hole filled", "r0-" + (big - 1) + " f0-4999 f5001-" + (big - 1) + " f5000", big),
                Arguments.of("rebased many times", "r0-" + big + " f0-" + big, big + 1),
                Arguments.of("rebased, then more received", "r0-" + big + " f0-" + big + " r" + (big + 1), big + 1),
                Arguments.of("rebased, then a finish behind the base", "r0-" + big + " f0-" + big + " f3", big + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void committableIsTheFirstUnfinishedOffset(String name, String steps, long committable) {
        OffsetTracker tracker = new OffsetTracker();
        apply(tracker, P0, steps);

        assertThat(tracker.committable(P0)).isEqualTo(committable);
    }

    static Stream<Arguments> uncommittedRows() {
        int big = OffsetTracker.REBASE_AFTER * 3;
        return Stream.of(
                Arguments.of("nothing received", "", -1, 0),
                Arguments.of("nothing committed: all received since the first", "r5 r6 r7", -1, 3),
                Arguments.of("finished does not matter, committed does", "r0 r1 r2 f0 f1 f2", -1, 3),
                Arguments.of("after a commit", "r0 r1 r2 r3", 1, 3),
                Arguments.of("all committed", "r0 r1 r2", 3, 0),
                Arguments.of("gaps count as received", "r0 r9", -1, 10),
                Arguments.of("a reset starts the count over", "r5 r6 r7 r2", -1, 1),
                Arguments.of("rebasing keeps the first offset", "r0-" + big + " f0-" + big, -1, big + 1),
                Arguments.of("a commit ahead of what was received", "r0 r1", 5, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncommittedRows")
    void uncommittedCountsWhatWasReceivedFromTheCommit(String name, String steps, long committed, long expected) {
        OffsetTracker tracker = new OffsetTracker();
        apply(tracker, P0, steps);

        assertThat(tracker.uncommitted(P0, committed)).isEqualTo(expected);
    }

    @Test
    void partitionsAreIndependentAndForgotten() {
        OffsetTracker tracker = new OffsetTracker();
        apply(tracker, P0, "r0 r1 f1");
        apply(tracker, P1, "r7 f7");

        assertThat(tracker.committable(P0)).isZero();
        assertThat(tracker.committable(P1)).isEqualTo(8);
        assertThat(tracker.hasUnfinished(P0)).isTrue();
        assertThat(tracker.hasUnfinished(P1)).isFalse();
        assertThat(tracker.partitions()).containsExactlyInAnyOrder(P0, P1);

        tracker.remove(P0);
        tracker.finished(P0, 0);

        assertThat(tracker.committable(P0)).isEqualTo(-1);
        assertThat(tracker.partitions()).containsExactly(P1);
    }

    @Test
    void receivedReportsSkippedOffsets() {
        OffsetTracker tracker = new OffsetTracker();

        assertThat(tracker.received(P0, 10)).isZero();
        assertThat(tracker.received(P0, 11)).isZero();
        assertThat(tracker.received(P0, 15)).isEqualTo(3);
        assertThat(tracker.received(P0, 3)).as("a reset is no gap").isZero();
    }

    private static void apply(OffsetTracker tracker, TopicPartition partition, String steps) {
        for (String step : steps.trim().split("\\s+")) {
            if (step.isEmpty()) {
                continue;
            }
            String[] range = step.substring(1).split("-");
            long from = Long.parseLong(range[0]);
            long to = range.length > 1 ? Long.parseLong(range[1]) : from;
            for (long offset = from; offset <= to; offset++) {
                if (step.charAt(0) == 'r') {
                    tracker.received(partition, offset);
                } else {
                    tracker.finished(partition, offset);
                }
            }
        }
    }
}
