package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.benchmarks.report.IdleHeap.ClassRow;
import dev.kinetic.benchmarks.report.IdleHeap.Row;
import dev.kinetic.benchmarks.report.IdleHeap.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdleHeapTest {
    static final Row AUTOSCALER_0 = new Row("autoscaler", "", 0, Status.OK, 16_384, 16_000_000, 175_000, 3.3, "");
    static final Row ACTIVATOR_0 = new Row("activator", "", 0, Status.OK, 14_436, 14_700_000, 150_000, 2.1, "");

    static final List<String> HEAP = List.of(
            Row.HEADER,
            AUTOSCALER_0.line(),
            ACTIVATOR_0.line(),
            // 40 MiB more for 1,000 revisions: 0.04 MiB each.
            new Row("autoscaler", "", 1000, Status.OK, 16_384 + 40 * 1024, 58_000_000, 230_000, 25.4, "").line(),
            // 60 MiB more for 1,000: 0.06 MiB each.
            new Row("activator", "", 1000, Status.OK, 14_436 + 60 * 1024, 77_000_000, 240_000, 4.0, "heap still moved")
                    .line(),
            Row.failed("autoscaler", "", 10000, Status.TIMEOUT, "had not seen every revision after 900 s: 7,000")
                    .line(),
            Row.failed("activator", "", 10000, Status.EXITED, "Terminating due to java.lang.OutOfMemoryError: heap")
                    .line(),
            // Measured again with more heap: 130 MiB more for 10,000, and its own baseline, written last.
            new Row("activator", "-Xmx512m", 10000, Status.OK, 15_000 + 130 * 1024, 1, 400_000, 9.0, "").line(),
            new Row("activator", "-Xmx512m", 0, Status.OK, 15_000, 1, 160_000, 2.0, "").line());

    static final List<String> CLASSES = List.of(
            ClassRow.HEADER,
            new ClassRow("activator", "-Xmx512m", 10000, "java.lang.String", 30_000, 720_000).line(),
            new ClassRow("activator", "-Xmx512m", 10000, "[B", 30_000, 2_500_000).line(),
            // A smaller N of the same component: not shown.
            new ClassRow("activator", "", 1000, "[B", 3_000, 250_000).line(),
            new ClassRow("autoscaler", "", 1000, "[B", 6_000, 500_000).line());

    @Test
    void rowsSurviveTheirLine() {
        for (String line : HEAP.subList(1, HEAP.size())) {
            assertThat(Row.parse(line).line()).isEqualTo(line);
        }
        assertThat(Row.parse(HEAP.get(5)).seenSeconds()).isNaN();
        assertThat(ClassRow.parse(CLASSES.get(1)))
                .isEqualTo(new ClassRow("activator", "-Xmx512m", 10000, "java.lang.String", 30_000, 720_000));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "under the target, OK, 40, PASS",
        "exactly the target, OK, 50, PASS",
        "over the target, OK, 60, MISS",
        "exited: cannot hold them, EXITED, 0, MISS",
        "timed out, TIMEOUT, 0, NOT_MEASURED",
        "harness error, ERROR, 0, NOT_MEASURED"
    })
    void verdicts(String name, Status status, double growthMib, Verdict.Outcome outcome) {
        Row row = new Row("autoscaler", "", 1000, status, 16_384 + Math.round(growthMib * 1024), 1, 1, 1, "");
        assertThat(IdleHeap.outcome(row, AUTOSCALER_0)).isEqualTo(outcome);
    }

    @Test
    void noBaselineNoVerdict() {
        Row row = new Row("autoscaler", "", 1000, Status.OK, 50_000, 1, 1, 1, "");
        assertThat(IdleHeap.perRevisionMib(row, null)).isEmpty();
        assertThat(IdleHeap.outcome(row, null)).isEqualTo(Verdict.Outcome.NOT_MEASURED);
        assertThat(IdleHeap.perRevisionMib(row, Row.failed("autoscaler", "", 0, Status.ERROR, "no jar")))
                .isEmpty();
    }

    @Test
    void tableWithBaselinesPerRevisionVerdictsAndNotes() {
        String md = IdleHeap.markdown(
                HEAP, CLASSES, Map.of("autoscaler_flags", "-Xmx1g", "activator_flags", "-XX:+UseSerialGC"), null);
        assertThat(md)
                .startsWith("## Heap per idle revision\n\n")
                .contains("`java -Xmx1g -jar autoscaler/target/quarkus-app/quarkus-run.jar`")
                .contains("`java -XX:+UseSerialGC -jar activator/target/kinetic-activator.jar`")
                .containsSubsequence(
                        "| autoscaler | 0 | 16.0 MiB | 15.3 MiB | 170.9 MiB | 3 s | (baseline) | |",
                        "| autoscaler | 1,000 | 56.0 MiB | 55.3 MiB | 224.6 MiB | 25 s | 0.0400 MiB (41.0 KiB) | PASS |",
                        "| autoscaler | 10,000 | not measured (note 1) | | | | — | not measured |",
                        "| activator | 0 |",
                        "| activator | 1,000 | 74.1 MiB | 73.4 MiB | 234.4 MiB | 4 s | 0.0600 MiB (61.4 KiB) | **MISS** |",
                        "| activator | 10,000 | exited (note 3) | | | | — | **MISS** |",
                        "| activator with `-Xmx512m` | 0 | 14.6 MiB |",
                        "| activator with `-Xmx512m` | 10,000 | 144.6 MiB | 0.0 MiB | 390.6 MiB | 9 s "
                                + "| 0.0130 MiB (13.3 KiB) | — (not the shipped flags) |")
                .contains("1. autoscaler, 10,000 revisions: had not seen every revision after 900 s: 7,000")
                .contains("2. activator, 1,000 revisions: heap still moved")
                .contains("3. activator, 10,000 revisions: Terminating due to java.lang.OutOfMemoryError");
        assertThat(md)
                .contains("Where the heap goes in the activator with `-Xmx512m`, per idle revision (live objects by "
                        + "class at 10,000")
                .containsSubsequence("| `[B` | 3.0 | 250 |", "| `java.lang.String` | 3.0 | 72 |")
                .contains("Where the heap goes in the autoscaler, per idle revision (live objects by class at 1,000")
                .contains("| `[B` | 6.0 | 500 |")
                .doesNotContain("Where the heap goes in the activator, ");
    }

    @Test
    void nothingMeasuredSaysWhy() {
        assertThat(IdleHeap.markdown(List.of(), List.of(), Map.of(), "Skipped (SKIP_HEAP=1)."))
                .isEqualTo("## Heap per idle revision\n\nSkipped (SKIP_HEAP=1).\n\n");
        assertThat(IdleHeap.markdown(List.of(Row.HEADER), List.of(), Map.of(), null))
                .contains("Not run.");
    }
}
