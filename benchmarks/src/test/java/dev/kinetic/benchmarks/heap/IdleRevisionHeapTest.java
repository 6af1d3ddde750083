package dev.kinetic.benchmarks.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.benchmarks.report.IdleHeap.ClassRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdleRevisionHeapTest {

    @ParameterizedTest(name = "{0}: {1} KiB then {2} KiB")
    @CsvSource({
        "same, 20000, 20000, true",
        "within 1 MiB, 20000, 21000, true",
        "over 1 MiB on a small heap, 20000, 21100, false",
        "within 2% of a large heap, 500000, 509000, true",
        "over 2% of a large heap, 500000, 512000, false",
        "shrinking counts too, 512000, 500000, false"
    })
    void settledWithinOneMibOrTwoPercent(String name, long before, long after, boolean settled) {
        assertThat(IdleRevisionHeap.settled(before, after)).isEqualTo(settled);
    }

    @Test
    void growthPerClassMostBytesFirst() {
        Map<String, JvmMemory.ClassCount> base = Map.of(
                "[B", new JvmMemory.ClassCount(1000, 50_000),
                "java.lang.String", new JvmMemory.ClassCount(900, 21_600),
                "gone", new JvmMemory.ClassCount(10, 800));
        Map<String, JvmMemory.ClassCount> at = Map.of(
                "[B", new JvmMemory.ClassCount(3000, 250_000),
                "java.lang.String", new JvmMemory.ClassCount(2900, 69_600),
                "dev.kinetic.autoscaler.kpa.Deciders$Entry", new JvmMemory.ClassCount(100, 3_200));
        assertThat(IdleRevisionHeap.growth("autoscaler", "", 100, base, at))
                .containsExactly(
                        new ClassRow("autoscaler", "", 100, "[B", 2000, 200_000),
                        new ClassRow("autoscaler", "", 100, "java.lang.String", 2000, 48_000),
                        new ClassRow("autoscaler", "", 100, "dev.kinetic.autoscaler.kpa.Deciders$Entry", 100, 3_200));
    }

    @Test
    void whyItExited() {
        assertThat(IdleRevisionHeap.lastWords(List.of(
                        "starting",
                        "2026-11-21 03:25:26,679 ERROR [io.quarkus.runtime.Application] (main) Failed to start",
                        "Caused by: java.lang.IllegalStateException: no",
                        "\tat a.b.C.d(C.java:1)",
                        "")))
                .isEqualTo("2026-11-21 03:25:26,679 ERROR [io.quarkus.runtime.Application] (main) Failed to start");
        assertThat(IdleRevisionHeap.lastWords(List.of(
                        "Exception in thread \"vert.x-eventloop-thread-0\"",
                        "Terminating due to java.lang.OutOfMemoryError: Java heap space")))
                .isEqualTo("Terminating due to java.lang.OutOfMemoryError: Java heap space");
        assertThat(IdleRevisionHeap.lastWords(List.of("one", "two", "three", "four", "  ")))
                .isEqualTo("two three four");
    }

    @Test
    void theActivatorIsStartedAsRunShStartsIt() {
        assertThat(IdleRevisionHeap.activatorEnv("http://127.0.0.1:1234/", 1, 2, 3))
                .containsEntry("KUBERNETES_MASTER", "http://127.0.0.1:1234/")
                .containsEntry("ACTIVATOR_PORT", "1")
                .containsEntry("ACTIVATOR_H2C_PORT", "2")
                .containsEntry("ACTIVATOR_ADMIN_PORT", "3")
                .containsEntry("AUTOSCALER_URL", "ws://127.0.0.1:1/ws");
        assertThat(IdleRevisionHeap.quarkusFlags("http://127.0.0.1:1234/", 5))
                .contains("-Dquarkus.kubernetes-client.api-server-url=http://127.0.0.1:1234/", "-Dquarkus.http.port=5");
    }
}
