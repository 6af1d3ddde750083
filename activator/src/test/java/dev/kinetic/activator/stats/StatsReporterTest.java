package dev.kinetic.activator.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.activator.revision.RevisionKey;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatsReporterTest {
    static final long SECOND = 1_000_000_000L;

    final AtomicLong nanos = new AtomicLong();
    final AtomicLong millis = new AtomicLong(1_767_225_600_000L);
    final List<String> frames = new ArrayList<>();
    // No timer is started in these tests: report() is driven by hand, so no Vert.x instance is needed.
    final StatsReporter reporter = new StatsReporter(null, "activator-1", frames::add, nanos::get, millis::get);
    final RevisionKey hello = new RevisionKey("default", "hello-00001");

    @Test
    void reportsTheTimeWeightedConcurrencyAndCountOfEachWindow() {
        StatsReporter.RevisionStats a = reporter.requestStarted(hello);
        nanos.addAndGet(SECOND / 2);
        StatsReporter.RevisionStats b = reporter.requestStarted(hello);
        nanos.addAndGet(SECOND / 2);
        reporter.requestEnded(a);
        reporter.requestEnded(b);
        millis.addAndGet(1000);

        reporter.report();

        assertThat(frames).hasSize(1);
        assertThat(StatMessage.decode(frames.get(0)))
                .containsExactly(new StatMessage("default", "hello-00001", "activator-1", 1.5, 0, 2, 0, millis.get()));
    }

    @Test
    void aQuietRevisionIsReportedOnceAtZeroThenNoMore() {
        reporter.requestEnded(reporter.requestStarted(hello));
        nanos.addAndGet(SECOND);
        reporter.report();
        nanos.addAndGet(SECOND);
        reporter.report();
        nanos.addAndGet(SECOND);
        reporter.report();

        assertThat(frames).hasSize(2);
        assertThat(StatMessage.decode(frames.get(1))).singleElement().satisfies(s -> {
            assertThat(s.requestCount()).isZero();
            assertThat(s.averageConcurrency()).isZero();
        });
    }

    @Test
    void aPokeSendsOneStatAtOncePerPeriod() {
        StatsReporter.RevisionStats rs = reporter.requestStarted(hello);
        reporter.poke(hello, rs);
        reporter.poke(hello, reporter.requestStarted(hello));
        assertThat(frames).hasSize(1);
        assertThat(StatMessage.decode(frames.get(0)))
                .containsExactly(new StatMessage("default", "hello-00001", "activator-1", 1, 0, 1, 0, millis.get()));

        nanos.addAndGet(SECOND);
        reporter.report();
        reporter.poke(hello, rs);
        assertThat(frames).hasSize(3);
        assertThat(StatMessage.decode(frames.get(2)).get(0).averageConcurrency())
                .isEqualTo(2);
    }

    @Test
    void oneFrameCarriesEveryActiveRevision() {
        reporter.requestStarted(hello);
        reporter.requestStarted(new RevisionKey("other", "bye-00003"));
        nanos.addAndGet(SECOND);
        reporter.report();
        assertThat(StatMessage.decode(frames.get(0)))
                .extracting(StatMessage::revision)
                .containsExactlyInAnyOrder("hello-00001", "bye-00003");
        reporter.revisionRemoved(hello);
        nanos.addAndGet(SECOND);
        reporter.report();
        assertThat(StatMessage.decode(frames.get(1)))
                .extracting(StatMessage::revision)
                .containsExactly("bye-00003");
    }

    @Test
    void theWireFormatHasKnativesFieldNames() {
        String frame = StatMessage.encode(
                List.of(new StatMessage("ns", "rev", "activator-1", 2.5, 0, 12, 0, 1_767_225_600_000L)));
        assertThat(new JsonArray(frame).getJsonObject(0).fieldNames())
                .containsExactly(
                        "namespace",
                        "revision",
                        "podName",
                        "averageConcurrency",
                        "averageProxiedConcurrency",
                        "requestCount",
                        "proxiedRequestCount",
                        "timestamp");
        assertThat(frame)
                .isEqualTo("[{\"namespace\":\"ns\",\"revision\":\"rev\",\"podName\":\"activator-1\","
                        + "\"averageConcurrency\":2.5,\"averageProxiedConcurrency\":0.0,\"requestCount\":12,"
                        + "\"proxiedRequestCount\":0,\"timestamp\":1767225600000}]");
    }
}
