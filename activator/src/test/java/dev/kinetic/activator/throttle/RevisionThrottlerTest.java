package dev.kinetic.activator.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.activator.throttle.RevisionThrottler.Admission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RevisionThrottlerTest {

    /** Records the pod each request was admitted to, in admission order. */
    static final class Recorder {
        final List<String> admitted = new CopyOnWriteArrayList<>();
        final Map<String, PodTracker> pods = new ConcurrentHashMap<>();

        RevisionThrottler.Waiter waiter(String name) {
            return pod -> {
                admitted.add(name + "@" + pod.address());
                pods.put(name, pod);
            };
        }
    }

    @Test
    void withoutPodsRequestsWaitAndRunInArrivalOrderWhenPodsAppear() {
        RevisionThrottler throttler = new RevisionThrottler(1);
        Recorder r = new Recorder();
        assertThat(throttler.acquire(r.waiter("a"))).isEqualTo(Admission.QUEUED);
        assertThat(throttler.acquire(r.waiter("b"))).isEqualTo(Admission.QUEUED);
        assertThat(throttler.acquire(r.waiter("c"))).isEqualTo(Admission.QUEUED);
        assertThat(throttler.queued()).isEqualTo(3);
        assertThat(throttler.hasPods()).isFalse();

        throttler.update(1, Set.of("10.0.0.2:8012", "10.0.0.1:8012"));

        assertThat(r.admitted).containsExactly("a@10.0.0.1:8012", "b@10.0.0.2:8012");
        assertThat(throttler.queued()).isEqualTo(1);
        throttler.release(r.pods.get("b"));
        assertThat(r.admitted).endsWith("c@10.0.0.2:8012");
        assertThat(throttler.queued()).isZero();
    }

    @Test
    void capacityIsTheSumOfThePods() {
        RevisionThrottler throttler = new RevisionThrottler(3);
        assertThat(throttler.capacity()).isZero();
        throttler.update(3, List.of("10.0.0.1:8012", "10.0.0.2:8012"));
        assertThat(throttler.capacity()).isEqualTo(6);
        Recorder r = new Recorder();
        for (int i = 0; i < 6; i++) {
            assertThat(throttler.acquire(r.waiter("r" + i))).isEqualTo(Admission.ADMITTED);
        }
        assertThat(throttler.acquire(r.waiter("seventh"))).isEqualTo(Admission.QUEUED);
        throttler.update(0, List.of("10.0.0.1:8012"));
        assertThat(throttler.capacity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.admitted).hasSize(7);
    }

    @Test
    void queueFullIsRejectedAndCancelledWaitersFreeTheirPlace() {
        RevisionThrottler throttler = new RevisionThrottler(1, 2, LoadBalancingPolicies::forContainerConcurrency);
        Recorder r = new Recorder();
        RevisionThrottler.Waiter a = r.waiter("a");
        assertThat(throttler.acquire(a)).isEqualTo(Admission.QUEUED);
        assertThat(throttler.acquire(r.waiter("b"))).isEqualTo(Admission.QUEUED);
        assertThat(throttler.acquire(r.waiter("c"))).isEqualTo(Admission.REJECTED);

        assertThat(throttler.cancel(a)).isTrue();
        assertThat(throttler.cancel(a)).as("already gone").isFalse();
        assertThat(throttler.acquire(r.waiter("d"))).isEqualTo(Admission.QUEUED);

        throttler.update(1, List.of("10.0.0.1:8012"));
        assertThat(r.admitted).containsExactly("b@10.0.0.1:8012");
    }

    @Test
    void newcomersDoNotOvertakeWaiters() {
        RevisionThrottler throttler = new RevisionThrottler(1);
        throttler.update(1, List.of("10.0.0.1:8012"));
        Recorder r = new Recorder();
        assertThat(throttler.acquire(r.waiter("first"))).isEqualTo(Admission.ADMITTED);
        assertThat(throttler.acquire(r.waiter("second"))).isEqualTo(Admission.QUEUED);
        throttler.release(r.pods.get("first"));
        assertThat(throttler.acquire(r.waiter("third"))).isEqualTo(Admission.QUEUED);
        assertThat(r.admitted).containsExactly("first@10.0.0.1:8012", "second@10.0.0.1:8012");
    }

    @Test
    void podsThatStayKeepTheirInFlightCount() {
        RevisionThrottler throttler = new RevisionThrottler(1);
        throttler.update(1, List.of("10.0.0.1:8012"));
        Recorder r = new Recorder();
        throttler.acquire(r.waiter("a"));
        PodTracker before = throttler.pods().get(0);

        throttler.update(2, List.of("10.0.0.1:8012", "10.0.0.2:8012"));

        assertThat(throttler.pods().get(0)).isSameAs(before);
        assertThat(before.inFlight()).isEqualTo(1);
        assertThat(before.capacity()).isEqualTo(2);
        throttler.update(2, List.of("10.0.0.2:8012"));
        assertThat(throttler.pods()).extracting(PodTracker::address).containsExactly("10.0.0.2:8012");
        // A request finishing on a pod that left the rotation is harmless.
        throttler.release(r.pods.get("a"));
        assertThat(before.inFlight()).isZero();
    }

    @Test
    void manyThreadsNeverExceedContainerConcurrencyAndEveryRequestRuns() throws InterruptedException {
        int cc = 2;
        // A queue deep enough for every request: this test is about admission, not rejection.
        RevisionThrottler throttler =
                new RevisionThrottler(cc, 100_000, LoadBalancingPolicies::forContainerConcurrency);
        throttler.update(cc, List.of("10.0.0.1:8012", "10.0.0.2:8012", "10.0.0.3:8012"));
        int threads = 4;
        int perThread = 5_000;
        AtomicInteger violations = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        // Like the activator, an admitted request runs elsewhere (its event loop), not inside the releasing call.
        ExecutorService loops = Executors.newFixedThreadPool(threads);
        try {
            List<Thread> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        throttler.acquire(pod -> loops.execute(() -> {
                            if (pod.inFlight() > cc) {
                                violations.incrementAndGet();
                            }
                            if (ThreadLocalRandom.current().nextInt(8) == 0) {
                                Thread.yield();
                            }
                            throttler.release(pod);
                            all.countDown();
                        }));
                    }
                }));
            }
            clients.forEach(Thread::start);
            assertThat(all.await(20, TimeUnit.SECONDS)).as("every request ran").isTrue();
        } finally {
            loops.shutdownNow();
        }
        assertThat(violations).hasValue(0);
        assertThat(throttler.queued()).isZero();
        assertThat(throttler.pods()).allSatisfy(p -> assertThat(p.inFlight()).isZero());
    }
}
