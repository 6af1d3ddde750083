package dev.kinetic.activator.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalancingPoliciesTest {

    /**
     * One pick. {@code load} is the in-flight count of each pod before the pick, {@code draws} the random numbers the
     * policy gets, {@code expected} the index picked ({@code -1}: none).
     */
    record Pick(String name, int cc, int[] load, int[] draws, int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Pick> picks() {
        return Stream.of(
                // cc = 0: power of two choices
                new Pick("p2c: no pods", 0, new int[] {}, new int[] {}, -1),
                new Pick("p2c: one pod is the only choice", 0, new int[] {7}, new int[] {}, 0),
                new Pick("p2c: second drawn is less loaded", 0, new int[] {5, 1, 9}, new int[] {0, 0}, 1),
                new Pick("p2c: first drawn is less loaded", 0, new int[] {5, 1, 9}, new int[] {1, 1}, 1),
                new Pick("p2c: second draw skips the first", 0, new int[] {5, 4, 3}, new int[] {1, 1}, 2),
                new Pick("p2c: tie goes to the first drawn", 0, new int[] {2, 2, 2}, new int[] {2, 0}, 2),
                new Pick("p2c: least loaded overall is not drawn", 0, new int[] {0, 8, 9}, new int[] {1, 1}, 1),
                new Pick("p2c: unlimited pods are never full", 0, new int[] {1000, 2000}, new int[] {0, 0}, 0),
                // cc 1–3: first available in address order
                new Pick("first: empty pod list", 1, new int[] {}, new int[] {}, -1),
                new Pick("first: first pod has room", 1, new int[] {0, 0}, new int[] {}, 0),
                new Pick("first: skips full pods", 1, new int[] {1, 1, 0}, new int[] {}, 2),
                new Pick("first: cc=3 packs the first pod", 3, new int[] {2, 0}, new int[] {}, 0),
                new Pick("first: cc=3 moves on when full", 3, new int[] {3, 1}, new int[] {}, 1),
                new Pick("first: all full", 2, new int[] {2, 2}, new int[] {}, -1),
                // cc > 3: round robin from the start, skipping full pods
                new Pick("rr: first call starts at pod 0", 4, new int[] {0, 0, 0}, new int[] {}, 0),
                new Pick("rr: skips a full pod", 4, new int[] {4, 0, 0}, new int[] {}, 1),
                new Pick("rr: all full", 10, new int[] {10, 10}, new int[] {}, -1),
                new Pick("rr: no pods", 10, new int[] {}, new int[] {}, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("picks")
    void picksAndReserves(Pick row) {
        List<PodTracker> pods = pods(row.cc(), row.load());
        LoadBalancingPolicy policy = LoadBalancingPolicies.forContainerConcurrency(row.cc(), scripted(row.draws()));

        PodTracker picked = policy.pick(pods);

        if (row.expected() < 0) {
            assertThat(picked).isNull();
            for (int i = 0; i < pods.size(); i++) {
                assertThat(pods.get(i).inFlight()).as("nothing reserved").isEqualTo(row.load()[i]);
            }
        } else {
            assertThat(picked).isSameAs(pods.get(row.expected()));
            assertThat(picked.inFlight()).as("reserved").isEqualTo(row.load()[row.expected()] + 1);
        }
    }

    /** A sequence of picks without releases: which pod each one lands on. */
    record Sequence(String name, int cc, int pods, int picks, int[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Sequence> sequences() {
        return Stream.of(
                new Sequence("rr cycles through the pods", 4, 3, 6, new int[] {0, 1, 2, 0, 1, 2}),
                new Sequence("rr fills evenly then stops", 4, 2, 10, new int[] {0, 1, 0, 1, 0, 1, 0, 1, -1, -1}),
                new Sequence("first available fills pod by pod", 2, 3, 7, new int[] {0, 0, 1, 1, 2, 2, -1}),
                new Sequence("cc=1 gives each pod one request", 1, 2, 3, new int[] {0, 1, -1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void sequenceOfPicks(Sequence row) {
        List<PodTracker> pods = pods(row.cc(), new int[row.pods()]);
        LoadBalancingPolicy policy = LoadBalancingPolicies.forContainerConcurrency(row.cc(), bound -> 0);
        int[] landed = IntStream.range(0, row.picks())
                .map(i -> {
                    PodTracker p = policy.pick(pods);
                    return p == null ? -1 : pods.indexOf(p);
                })
                .toArray();
        assertThat(landed).containsExactly(row.expected());
    }

    @Test
    void roundRobinResumesAfterTheLastPick() {
        List<PodTracker> pods = pods(5, new int[] {0, 5, 0, 0});
        LoadBalancingPolicy rr = LoadBalancingPolicies.roundRobin();
        assertThat(pods.indexOf(rr.pick(pods))).isEqualTo(0);
        // pod 1 is full: the scan goes on to 2, and the next one starts after it
        assertThat(pods.indexOf(rr.pick(pods))).isEqualTo(2);
        assertThat(pods.indexOf(rr.pick(pods))).isEqualTo(3);
        pods.get(1).release();
        assertThat(pods.indexOf(rr.pick(pods))).isEqualTo(0);
        assertThat(pods.indexOf(rr.pick(pods))).isEqualTo(1);
    }

    @Test
    void powerOfTwoChoicesFallsBackToTheOtherPodWhenThePreferredIsFull() {
        // Not a configuration the activator builds (p2c is for unlimited pods) but the contract still holds.
        List<PodTracker> pods = pods(1, new int[] {1, 0});
        pods.get(1).tryReserve(); // now both are full
        assertThat(LoadBalancingPolicies.powerOfTwoChoices(scripted(new int[] {0, 0}))
                        .pick(pods))
                .isNull();
        pods.get(0).release();
        assertThat(LoadBalancingPolicies.powerOfTwoChoices(scripted(new int[] {1, 0}))
                        .pick(pods))
                .isSameAs(pods.get(0));
    }

    @Test
    void negativeContainerConcurrencyIsRejected() {
        assertThatThrownBy(() -> LoadBalancingPolicies.forContainerConcurrency(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<PodTracker> pods(int cc, int[] load) {
        List<PodTracker> pods = new ArrayList<>();
        for (int i = 0; i < load.length; i++) {
            PodTracker pod = new PodTracker("10.0.0." + (i + 1) + ":8012", cc);
            for (int j = 0; j < load[i]; j++) {
                // Bypass the capacity so a row can describe any load.
                forceReserve(pod);
            }
            pods.add(pod);
        }
        return pods;
    }

    private static void forceReserve(PodTracker pod) {
        int cap = pod.capacity();
        pod.capacity(0);
        pod.tryReserve();
        pod.capacity(cap);
    }

    /** Hands out the given numbers in order, checking each is within the bound asked for. */
    static IntUnaryOperator scripted(int[] draws) {
        PrimitiveIterator.OfInt it = Arrays.stream(draws).iterator();
        return bound -> {
            int v = it.nextInt();
            assertThat(v).as("scripted draw within [0, %d)", bound).isBetween(0, bound - 1);
            return v;
        };
    }
}
