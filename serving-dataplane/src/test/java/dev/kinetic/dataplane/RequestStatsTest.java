package dev.kinetic.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Time-weighted concurrency over one-second windows, as the autoscaler reads it. */
class RequestStatsTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    static Arguments row(
            String name, Consumer<RequestStats> events, double avg, double proxiedAvg, long count, long proxied) {
        return Arguments.of(Named.of(name, events), avg, proxiedAvg, count, proxied);
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                row("idle", s -> {}, 0, 0, 0, 0),
                row("one request for the whole second", s -> s.start(0, false), 1, 0, 1, 0),
                row(
                        "one request for half a second",
                        s -> {
                            s.start(0, false);
                            s.end(500 * MS, false);
                        },
                        0.5,
                        0,
                        1,
                        0),
                row(
                        "two overlapping requests",
                        s -> {
                            s.start(0, false);
                            s.start(250 * MS, false);
                            s.end(750 * MS, false);
                        },
                        1.5,
                        0,
                        2,
                        0),
                row(
                        "a proxied request counts in both",
                        s -> {
                            s.start(0, true);
                            s.end(200 * MS, true);
                            s.start(500 * MS, false);
                        },
                        0.7,
                        0.2,
                        2,
                        1),
                row(
                        "ten short requests one after another",
                        s -> {
                            for (int i = 0; i < 10; i++) {
                                s.start(i * 100 * MS, false);
                                s.end(i * 100 * MS + 10 * MS, false);
                            }
                        },
                        0.1,
                        0,
                        10,
                        0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void averagesOverTheWindow(Consumer<RequestStats> events, double avg, double proxiedAvg, long count, long proxied) {
        RequestStats stats = new RequestStats(0);
        events.accept(stats);
        RequestStats.Report report = stats.report(SECOND);
        assertThat(report.averageConcurrency()).isCloseTo(avg, within(1e-9));
        assertThat(report.averageProxiedConcurrency()).isCloseTo(proxiedAvg, within(1e-9));
        assertThat(report.requestCount()).isEqualTo(count);
        assertThat(report.proxiedRequestCount()).isEqualTo(proxied);
    }

    @Test
    void aRequestSpanningWindowsCountsInEachWindowButArrivesOnce() {
        RequestStats stats = new RequestStats(0);
        stats.start(500 * MS, false);
        RequestStats.Report first = stats.report(SECOND);
        stats.end(SECOND + 250 * MS, false);
        RequestStats.Report second = stats.report(2 * SECOND);
        assertThat(first.averageConcurrency()).isCloseTo(0.5, within(1e-9));
        assertThat(first.requestCount()).isEqualTo(1);
        assertThat(second.averageConcurrency()).isCloseTo(0.25, within(1e-9));
        assertThat(second.requestCount()).isZero();
        assertThat(stats.concurrency()).isZero();
    }

    @Test
    void anEmptyWindowReportsTheCurrentConcurrency() {
        RequestStats stats = new RequestStats(0);
        stats.start(0, false);
        stats.start(0, true);
        RequestStats.Report report = stats.report(0);
        assertThat(report.averageConcurrency()).isEqualTo(2);
        assertThat(report.averageProxiedConcurrency()).isEqualTo(1);
    }
}
