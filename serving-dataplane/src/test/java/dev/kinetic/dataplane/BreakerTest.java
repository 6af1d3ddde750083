package dev.kinetic.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BreakerTest {

    @ParameterizedTest(name = "cc={0}: {0} run, {1} wait, the next is rejected")
    @CsvSource({"1, 10", "3, 30", "6, 60", "100, 1000"})
    void admitsQueuesThenRejects(int cc, int queue) {
        Breaker breaker = Breaker.forContainerConcurrency(cc);
        AtomicInteger ran = new AtomicInteger();
        List<Breaker.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < cc + queue + 1; i++) {
            outcomes.add(breaker.acquire(ran::incrementAndGet));
        }
        assertThat(outcomes.subList(0, cc)).containsOnly(Breaker.Outcome.ADMITTED);
        assertThat(outcomes.subList(cc, cc + queue)).containsOnly(Breaker.Outcome.QUEUED);
        assertThat(outcomes.get(cc + queue)).isEqualTo(Breaker.Outcome.REJECTED);
        assertThat(ran).hasValue(cc);
        assertThat(breaker.inFlight()).isEqualTo(cc);
        assertThat(breaker.pending()).isEqualTo(cc + queue);
    }

    @Test
    void tryAcquireTakesOnlyAFreeSlotAndNeverJumpsTheQueue() {
        Breaker breaker = new Breaker(2, 5);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("both slots taken").isFalse();
        assertThat(breaker.pending()).isEqualTo(2);

        List<String> order = new ArrayList<>();
        assertThat(breaker.acquire(() -> order.add("waiter"))).isEqualTo(Breaker.Outcome.QUEUED);
        breaker.release();
        assertThat(order).as("the freed slot went to the waiter").containsExactly("waiter");
        assertThat(breaker.tryAcquire()).isFalse();
        breaker.release();
        breaker.release();
        assertThat(breaker.inFlight()).isZero();
        assertThat(breaker.pending()).isZero();
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aReleasedSlotGoesToTheOldestWaiter() {
        Breaker breaker = new Breaker(1, 5);
        List<String> order = new ArrayList<>();
        breaker.acquire(() -> order.add("first"));
        breaker.acquire(() -> order.add("second"));
        breaker.acquire(() -> order.add("third"));
        assertThat(order).containsExactly("first");
        breaker.release();
        assertThat(order).containsExactly("first", "second");
        breaker.release();
        assertThat(order).containsExactly("first", "second", "third");
        breaker.release();
        assertThat(breaker.inFlight()).isZero();
        assertThat(breaker.pending()).isZero();
    }

    @Test
    void aCancelledWaiterNeverRunsAndFreesItsPlace() {
        Breaker breaker = new Breaker(1, 1);
        AtomicInteger ran = new AtomicInteger();
        Runnable waiting = ran::incrementAndGet;
        breaker.acquire(() -> {});
        assertThat(breaker.acquire(waiting)).isEqualTo(Breaker.Outcome.QUEUED);
        assertThat(breaker.acquire(() -> {})).isEqualTo(Breaker.Outcome.REJECTED);
        assertThat(breaker.cancel(waiting)).isTrue();
        assertThat(breaker.acquire(() -> {})).isEqualTo(Breaker.Outcome.QUEUED);
        breaker.release();
        assertThat(ran).hasValue(0);
        assertThat(breaker.cancel(waiting)).isFalse();
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> new Breaker(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Breaker(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Eight threads offer 20,000 requests to a cc=3 breaker; admitted ones "run" until another thread releases
     * them. The number running never exceeds 3, and every request that was not rejected runs exactly once.
     */
    @Test
    void neverExceedsCapacityAndLosesNoWaiterUnderContention() throws Exception {
        Breaker breaker = new Breaker(3, 30);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        ConcurrentLinkedQueue<Boolean> toRelease = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 2_500; i++) {
                    Breaker.Outcome outcome = breaker.acquire(() -> {
                        int now = running.incrementAndGet();
                        maxRunning.accumulateAndGet(now, Math::max);
                        ran.incrementAndGet();
                        toRelease.add(Boolean.TRUE);
                    });
                    if (outcome != Breaker.Outcome.REJECTED) {
                        accepted.incrementAndGet();
                    }
                    if (toRelease.poll() != null) {
                        running.decrementAndGet();
                        breaker.release();
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        // Let the remaining admitted requests finish; each finish may admit a waiter, which then finishes too.
        while (toRelease.poll() != null) {
            running.decrementAndGet();
            breaker.release();
        }
        pool.shutdown();
        assertThat(maxRunning.get()).isLessThanOrEqualTo(3);
        assertThat(ran.get()).isEqualTo(accepted.get());
        assertThat(breaker.pending()).isZero();
        assertThat(breaker.inFlight()).isZero();
    }
}
