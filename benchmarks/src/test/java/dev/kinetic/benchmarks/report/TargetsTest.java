package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.benchmarks.report.Verdict.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetsTest {

    static Cell cell(Variant v, int c, double rps, double p50, Map<String, Double> cpu, long errors) {
        double total = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Cell(v, c, 3, rps, p50, p50 * 3, cpu, total, errors, 100_000);
    }

    static Cell nginx(int c) {
        return cell(Variant.NGINX, c, 10_000, 200, Map.of("nginx", 20.0), 0);
    }

    static Stream<Arguments> cpuRows() {
        return Stream.of(
                Arguments.of("cheaper than nginx", 15.0, 0L, Outcome.PASS),
                Arguments.of("exactly nginx", 20.0, 0L, Outcome.PASS),
                Arguments.of("within the limit", 29.0, 0L, Outcome.MISS),
                Arguments.of("exactly the limit", 30.0, 0L, Outcome.MISS),
                Arguments.of("over the limit", 31.0, 0L, Outcome.MISS_OVER_LIMIT),
                Arguments.of("cheap because it fails", 5.0, 2_000L, Outcome.ERRORS),
                Arguments.of("1% errors is tolerated", 15.0, 1_000L, Outcome.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cpuRows")
    void cpuPerRequestIsComparedWithNginx(String name, double cpu, long errors, Outcome expected) {
        Cell qp = cell(Variant.QUEUE_PROXY, 16, 9_000, 250, Map.of("queue-proxy", cpu), errors);
        assertThat(Targets.cpu("queue-proxy", Variant.QUEUE_PROXY, 16, qp, nginx(16), "queue-proxy")
                        .outcome())
                .isEqualTo(expected);
    }

    static Stream<Arguments> throughputRows() {
        return Stream.of(
                Arguments.of("as fast as nginx", 10_000.0, Outcome.PASS),
                Arguments.of("exactly 0.8", 8_000.0, Outcome.PASS),
                Arguments.of("just under 0.8", 7_999.0, Outcome.MISS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("throughputRows")
    void throughputAt64ConnectionsIsComparedWithNginx(String name, double rps, Outcome expected) {
        Cell activator = cell(Variant.ACTIVATOR, 64, rps, 300, Map.of("activator", 10.0), 0);
        assertThat(Targets.throughput(Variant.ACTIVATOR, activator, nginx(64)).outcome())
                .isEqualTo(expected);
    }

    static Stream<Arguments> p50Rows() {
        return Stream.of(
                Arguments.of("no overhead", 100.0, Outcome.PASS),
                Arguments.of("exactly 80 µs more", 180.0, Outcome.PASS),
                Arguments.of("81 µs more", 181.0, Outcome.MISS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("p50Rows")
    void p50AtOneConnectionIsComparedWithDirect(String name, double p50, Outcome expected) {
        Cell direct = cell(Variant.DIRECT, 1, 20_000, 100, Map.of("stub", 5.0), 0);
        Cell qp = cell(Variant.QUEUE_PROXY, 1, 9_000, p50, Map.of("queue-proxy", 10.0), 0);
        assertThat(Targets.p50(Variant.QUEUE_PROXY, qp, direct).outcome()).isEqualTo(expected);
    }

    @Test
    void eachHopOfTheChainIsJudgedOnItsOwn() {
        Map<String, Cell> cells = new HashMap<>();
        cells.put("nginx", nginx(16));
        cells.put(
                "chain",
                cell(Variant.ACTIVATOR_QUEUE_PROXY, 16, 8_000, 400, Map.of("activator", 35.0, "queue-proxy", 18.0), 0));
        List<Verdict> verdicts = Targets.load(
                (v, c) -> v == Variant.NGINX
                        ? cells.get("nginx")
                        : v == Variant.ACTIVATOR_QUEUE_PROXY ? cells.get("chain") : null,
                List.of(16));

        assertThat(verdicts)
                .filteredOn(v -> v.variant() == Variant.ACTIVATOR_QUEUE_PROXY)
                .extracting(Verdict::subject, Verdict::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "activator (in activator → queue-proxy)", Outcome.MISS_OVER_LIMIT),
                        org.assertj.core.groups.Tuple.tuple("queue-proxy (in activator → queue-proxy)", Outcome.PASS));
        assertThat(verdicts)
                .filteredOn(v -> v.variant() == Variant.QUEUE_PROXY)
                .extracting(Verdict::outcome)
                .containsExactly(Outcome.NOT_MEASURED);
    }

    static Stream<Arguments> startupRows() {
        return Stream.of(
                Arguments.of("fast and small", 400.0, 40L * 1024, Outcome.PASS, Outcome.PASS),
                Arguments.of("slow", 1_001.0, 40L * 1024, Outcome.MISS, Outcome.PASS),
                Arguments.of("exactly 64 MiB", 900.0, 64L * 1024, Outcome.PASS, Outcome.PASS),
                Arguments.of("too big", 900.0, 64L * 1024 + 1, Outcome.PASS, Outcome.MISS),
                Arguments.of("never answered", Double.NaN, -1L, Outcome.NOT_MEASURED, Outcome.NOT_MEASURED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startupRows")
    void queueProxyStartupAndMemory(String name, double ms, long rssKb, Outcome startup, Outcome memory) {
        List<Verdict> verdicts =
                Targets.startup(Map.of("queue-proxy", new Startup("queue-proxy", ms, rssKb, 1000, "")));
        assertThat(verdicts.get(0).outcome()).isEqualTo(startup);
        assertThat(verdicts.get(1).subject()).isEqualTo("activator");
        assertThat(verdicts.get(1).outcome()).isEqualTo(Outcome.NOT_MEASURED);
        assertThat(verdicts.get(2).outcome()).isEqualTo(memory);
    }
}
