package dev.kinetic.activator.throttle;

import java.util.List;

/**
 * Chooses the pod a request goes to. Implementations may be called concurrently from any thread and never block.
 */
public interface LoadBalancingPolicy {
    /**
     * Picks a pod with room and reserves a slot on it.
     *
     * @param pods the revision's ready pods in a stable order (sorted by address); not modified
     * @return a pod on which {@link PodTracker#tryReserve()} already succeeded (the caller releases it when the
     *     request is over), or {@code null} when every pod is full or there is none
     */
    PodTracker pick(List<PodTracker> pods);
}
