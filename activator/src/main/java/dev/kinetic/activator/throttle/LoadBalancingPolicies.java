package dev.kinetic.activator.throttle;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * The activator's three load-balancing policies and the rule that chooses one from a revision's containerConcurrency
 * (Knative's activator makes the same split, for the same reasons):
 *
 * <ul>
 *   <li>cc = 0 (unlimited): <em>power of two choices</em>. Pods never fill up, so the question is only which is
 *       least busy; comparing two random pods gets nearly the balance of scanning them all, without every activator
 *       herding onto the same "least loaded" pod.
 *   <li>cc 1–3: <em>first available</em> in address order. With so few slots per pod, packing requests onto the
 *       lowest pods keeps the others' slots free for bursts and lets idle pods be scaled away.
 *   <li>cc &gt; 3: <em>round robin</em> skipping full pods, spreading load evenly when each pod has room to spare.
 * </ul>
 */
public final class LoadBalancingPolicies {
    private LoadBalancingPolicies() {}

    /** The policy for a revision with this containerConcurrency, random choices from {@link ThreadLocalRandom}. */
    public static LoadBalancingPolicy forContainerConcurrency(int containerConcurrency) {
        return forContainerConcurrency(
                containerConcurrency, bound -> ThreadLocalRandom.current().nextInt(bound));
    }

    /**
     * As {@link #forContainerConcurrency(int)}, with the randomness supplied.
     *
     * @param randomBelow given {@code n > 0}, returns a number in {@code [0, n)}
     */
    public static LoadBalancingPolicy forContainerConcurrency(int containerConcurrency, IntUnaryOperator randomBelow) {
        if (containerConcurrency < 0) {
            throw new IllegalArgumentException("containerConcurrency must be >= 0");
        }
        if (containerConcurrency == 0) {
            return powerOfTwoChoices(randomBelow);
        }
        if (containerConcurrency <= 3) {
            return firstAvailable();
        }
        return roundRobin();
    }

    /** Of two distinct random pods, the one with fewer requests in flight (the first drawn on a tie). */
    public static LoadBalancingPolicy powerOfTwoChoices(IntUnaryOperator randomBelow) {
        return pods -> {
            int n = pods.size();
            if (n == 0) {
                return null;
            }
            if (n == 1) {
                return reserve(pods.get(0));
            }
            int first = randomBelow.applyAsInt(n);
            // Draw the second from the n-1 others so the two are always distinct.
            int second = randomBelow.applyAsInt(n - 1);
            if (second >= first) {
                second++;
            }
            PodTracker a = pods.get(first);
            PodTracker b = pods.get(second);
            PodTracker preferred = b.inFlight() < a.inFlight() ? b : a;
            PodTracker other = preferred == a ? b : a;
            if (preferred.tryReserve()) {
                return preferred;
            }
            return reserve(other);
        };
    }

    /** The first pod, in list order, that has room. */
    public static LoadBalancingPolicy firstAvailable() {
        return pods -> {
            for (int i = 0, n = pods.size(); i < n; i++) {
                PodTracker pod = pods.get(i);
                if (pod.tryReserve()) {
                    return pod;
                }
            }
            return null;
        };
    }

    /**
     * Round robin: starts after the pod picked last and takes the first with room. Each policy instance keeps its
     * own position, so use one instance per revision.
     */
    public static LoadBalancingPolicy roundRobin() {
        return new RoundRobin();
    }

    private static PodTracker reserve(PodTracker pod) {
        return pod.tryReserve() ? pod : null;
    }

    private static final class RoundRobin implements LoadBalancingPolicy {
        /** Where the next scan starts. Racing callers may start at the same pod; reservation keeps that safe. */
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public PodTracker pick(List<PodTracker> pods) {
            int n = pods.size();
            if (n == 0) {
                return null;
            }
            int start = Math.floorMod(next.get(), n);
            for (int k = 0; k < n; k++) {
                int i = (start + k) % n;
                PodTracker pod = pods.get(i);
                if (pod.tryReserve()) {
                    next.set(i + 1);
                    return pod;
                }
            }
            return null;
        }
    }
}
