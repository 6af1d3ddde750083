package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CellTest {

    static Stream<Arguments> medians() {
        return Stream.of(
                Arguments.of(new double[] {}, Double.NaN),
                Arguments.of(new double[] {7}, 7.0),
                Arguments.of(new double[] {3, 1, 2}, 2.0),
                Arguments.of(new double[] {4, 1, 3, 2}, 2.5),
                Arguments.of(new double[] {100, 1, 2}, 2.0));
    }

    @ParameterizedTest
    @MethodSource("medians")
    void median(double[] values, double expected) {
        assertThat(Double.valueOf(Cell.median(values))).isEqualTo(Double.valueOf(expected));
    }

    @Test
    void eachMetricHasItsOwnMedianAndTheChainsTotalIsTheMedianOfSums() {
        List<Run> runs = List.of(
                Run.parse("activator-queue-proxy\t16\t1\t1000\t900\t300\t900\t0\tactivator=10;queue-proxy=30"),
                Run.parse("activator-queue-proxy\t16\t2\t1100\t1000\t200\t800\t1\tactivator=20;queue-proxy=10"),
                Run.parse("activator-queue-proxy\t16\t3\t1200\t800\t250\t700\t0\tactivator=30;queue-proxy=20"));

        Cell cell = Cell.of(runs);

        assertThat(cell.variant()).isEqualTo(Variant.ACTIVATOR_QUEUE_PROXY);
        assertThat(cell.rounds()).isEqualTo(3);
        assertThat(cell.requestsPerSecond()).isEqualTo(900);
        assertThat(cell.p50Us()).isEqualTo(250);
        assertThat(cell.p99Us()).isEqualTo(800);
        assertThat(cell.cpuUsPerRequest()).isEqualTo(Map.of("activator", 20.0, "queue-proxy", 20.0));
        // Sums per round are 40, 30, 50.
        assertThat(cell.totalCpuUsPerRequest()).isEqualTo(40);
        assertThat(cell.errors()).isEqualTo(1);
        assertThat(cell.requests()).isEqualTo(3300);
        assertThat(cell.failing()).isFalse();
    }

    @Test
    void aLineWithMissingColumnsIsRejected() {
        assertThatThrownBy(() -> Run.parse("nginx\t16\t1\t1000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 tab-separated columns");
        assertThatThrownBy(() -> Run.parse("haproxy\t16\t1\t1000\t900\t300\t900\t0\thaproxy=1"))
                .hasMessageContaining("unknown variant haproxy");
    }
}
