package dev.kinetic.activator.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.activator.revision.RevisionSettings;
import dev.kinetic.activator.throttle.PodTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry's bookkeeping with a scripted prober: no sockets, a real Vert.x context. */
class BackendRegistryTest {
    static final RevisionKey REV = new RevisionKey("ns", "hello-00001");
    static final PodAddress A = new PodAddress("10.0.0.1", 8012);
    static final PodAddress B = new PodAddress("10.0.0.2", 8012);
    static final PodAddress C = new PodAddress("10.0.0.3", 8013);

    final Vertx vertx = Vertx.vertx();
    final Map<PodAddress, Boolean> healthy = new ConcurrentHashMap<>();
    final List<PodAddress> probed = new CopyOnWriteArrayList<>();
    final List<RevisionKey> removed = new CopyOnWriteArrayList<>();

    final Prober prober = pod -> {
        probed.add(pod);
        return Future.succeededFuture(healthy.getOrDefault(pod, false));
    };

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    BackendRegistry registry(Duration probePeriod) {
        BackendRegistry r =
                new BackendRegistry(vertx, vertx.getOrCreateContext(), prober, probePeriod, 10, removed::add);
        r.start();
        return r;
    }

    List<String> ready(BackendRegistry r) {
        BackendRegistry.RevisionBackend b = r.get(REV);
        return b == null
                ? List.of()
                : b.throttler().pods().stream().map(PodTracker::address).toList();
    }

    void awaitReady(BackendRegistry r, String... addresses) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ready(r).equals(List.of(addresses)));
    }

    @Test
    void podsOfEverySliceAreProbedAtOnceAndOnlyThoseThatPassServe() {
        BackendRegistry r = registry(Duration.ofHours(1)); // no periodic probe: only the immediate ones
        healthy.put(A, true);
        healthy.put(C, true);
        r.revisionUpdated(REV, new RevisionSettings(2, 300, 300, 0));
        r.sliceUpdated(REV, "slice-1", Set.of(A, B));
        r.sliceUpdated(REV, "slice-2", Set.of(C));

        awaitReady(r, "10.0.0.1:8012", "10.0.0.3:8013");
        assertThat(probed).containsExactlyInAnyOrder(A, B, C);
        assertThat(r.get(REV).throttler().capacity()).isEqualTo(4);
    }

    @Test
    void updatesApplyByDiff_podsThatStayAreNotProbedAgainAndKeepTheirLoad() {
        BackendRegistry r = registry(Duration.ofHours(1));
        healthy.put(A, true);
        healthy.put(B, true);
        r.revisionUpdated(REV, new RevisionSettings(1, 300, 300, 0));
        r.sliceUpdated(REV, "slice-1", Set.of(A));
        awaitReady(r, "10.0.0.1:8012");
        PodTracker a = r.get(REV).throttler().pods().get(0);
        assertThat(a.tryReserve()).isTrue();

        r.sliceUpdated(REV, "slice-1", Set.of(A)); // same content: nothing happens
        r.sliceUpdated(REV, "slice-1", Set.of(A, B));
        awaitReady(r, "10.0.0.1:8012", "10.0.0.2:8012");

        assertThat(probed).containsExactly(A, B);
        assertThat(r.get(REV).throttler().pods().get(0)).isSameAs(a);
        assertThat(a.inFlight()).isEqualTo(1);

        r.sliceDeleted(REV, "slice-1");
        awaitReady(r);
    }

    @Test
    void aPodThatStartsFailingLeavesTheRotationAndComesBackWhenItPasses() {
        BackendRegistry r = registry(Duration.ofMillis(20));
        healthy.put(A, true);
        healthy.put(B, true);
        r.revisionUpdated(REV, RevisionSettings.DEFAULTS);
        r.sliceUpdated(REV, "slice-1", Set.of(A, B));
        awaitReady(r, "10.0.0.1:8012", "10.0.0.2:8012");

        healthy.put(A, false);
        awaitReady(r, "10.0.0.2:8012");
        healthy.put(A, true);
        awaitReady(r, "10.0.0.1:8012", "10.0.0.2:8012");
    }

    @Test
    void anUnreachablePodLeavesAtOnceUntilTheNextPassingProbe() {
        BackendRegistry r = registry(Duration.ofHours(1));
        healthy.put(A, true);
        healthy.put(B, true);
        r.revisionUpdated(REV, RevisionSettings.DEFAULTS);
        r.sliceUpdated(REV, "slice-1", Set.of(A, B));
        awaitReady(r, "10.0.0.1:8012", "10.0.0.2:8012");

        r.podUnreachable(REV, "10.0.0.1:8012");
        awaitReady(r, "10.0.0.2:8012");
    }

    @Test
    void slicesSeenBeforeTheirRevisionCountOnceItArrives_andADeletedRevisionIsForgotten() {
        BackendRegistry r = registry(Duration.ofHours(1));
        healthy.put(A, true);
        r.sliceUpdated(REV, "slice-1", Set.of(A));
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(probed::isEmpty);
        assertThat(r.get(REV)).isNull();

        r.revisionUpdated(REV, RevisionSettings.DEFAULTS);
        awaitReady(r, "10.0.0.1:8012");

        r.revisionDeleted(REV);
        await().atMost(Duration.ofSeconds(5)).until(() -> r.get(REV) == null);
        assertThat(removed).containsExactly(REV);
    }

    @Test
    void aNewContainerConcurrencyReachesThePods() {
        BackendRegistry r = registry(Duration.ofHours(1));
        healthy.put(A, true);
        r.revisionUpdated(REV, new RevisionSettings(1, 300, 300, 0));
        r.sliceUpdated(REV, "slice-1", Set.of(A));
        awaitReady(r, "10.0.0.1:8012");

        r.revisionUpdated(REV, new RevisionSettings(5, 300, 300, 0));

        await().atMost(Duration.ofSeconds(5)).until(() -> r.get(REV).throttler().capacity() == 5);
        assertThat(r.get(REV).settings().containerConcurrency()).isEqualTo(5);
    }
}
