package dev.kinetic.autoscaler.sks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Rendezvous subsetting: deterministic, spread out, and stable when the activator set changes. */
class ActivatorSubsetTest {
    private static final List<String> TEN =
            IntStream.rangeClosed(1, 10).mapToObj(i -> "10.1.0." + i).toList();

    @Test
    void zeroOrTooLargeMeansAll() {
        assertThat(ActivatorSubset.choose(TEN, "ns/rev", 0)).hasSize(10);
        assertThat(ActivatorSubset.choose(TEN, "ns/rev", 12)).hasSize(10);
    }

    @Test
    void sameChoiceWhateverTheInputOrder() {
        List<String> shuffled = new ArrayList<>(TEN);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(ActivatorSubset.choose(shuffled, "ns/rev", 3))
                .isEqualTo(ActivatorSubset.choose(TEN, "ns/rev", 3))
                .hasSize(3)
                .isSorted();
    }

    @Test
    void revisionsSpreadOverAllActivators() {
        Map<String, Integer> load = new HashMap<>();
        for (int r = 0; r < 1000; r++) {
            for (String a : ActivatorSubset.choose(TEN, "ns/rev-" + r, 2)) {
                load.merge(a, 1, Integer::sum);
            }
        }
        // 2,000 picks over 10 activators: 200 each on average; none starved or overloaded.
        assertThat(load).hasSize(10);
        assertThat(load.values()).allMatch(n -> n > 140 && n < 260);
    }

    @Test
    void removingAnActivatorOnlyMovesTheRevisionsThatUsedIt() {
        List<String> nine = TEN.subList(0, 9);
        int moved = 0;
        for (int r = 0; r < 500; r++) {
            List<String> before = ActivatorSubset.choose(TEN, "ns/rev-" + r, 2);
            List<String> after = ActivatorSubset.choose(nine, "ns/rev-" + r, 2);
            if (!before.contains("10.1.0.10")) {
                assertThat(after).isEqualTo(before);
            } else {
                moved++;
                assertThat(after)
                        .containsAll(before.stream()
                                .filter(a -> !a.equals("10.1.0.10"))
                                .toList());
            }
        }
        assertThat(moved).isBetween(50, 150);
    }
}
