package dev.kinetic.activator.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PodTrackerTest {

    @Test
    void reservesUpToCapacity() {
        PodTracker pod = new PodTracker("10.0.0.1:8012", 2);
        assertThat(pod.tryReserve()).isTrue();
        assertThat(pod.tryReserve()).isTrue();
        assertThat(pod.tryReserve()).isFalse();
        assertThat(pod.inFlight()).isEqualTo(2);
        pod.release();
        assertThat(pod.tryReserve()).isTrue();
        assertThat(pod.address()).isEqualTo("10.0.0.1:8012");
    }

    @Test
    void zeroCapacityIsUnlimited() {
        PodTracker pod = new PodTracker("10.0.0.1:8012", 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(pod.tryReserve()).isTrue();
        }
        assertThat(pod.inFlight()).isEqualTo(10_000);
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> new PodTracker("a", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentReservationsNeverExceedCapacity() throws InterruptedException {
        PodTracker pod = new PodTracker("10.0.0.1:8012", 3);
        AtomicInteger max = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            new Thread(() -> {
                        for (int i = 0; i < 50_000; i++) {
                            if (pod.tryReserve()) {
                                int now = pod.inFlight();
                                max.accumulateAndGet(now, Math::max);
                                if (now > 3) {
                                    violations.incrementAndGet();
                                }
                                pod.release();
                            }
                        }
                        done.countDown();
                    })
                    .start();
        }
        done.await();
        assertThat(violations).hasValue(0);
        assertThat(pod.inFlight()).isZero();
    }
}
