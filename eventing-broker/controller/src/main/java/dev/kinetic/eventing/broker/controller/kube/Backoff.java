package dev.kinetic.eventing.broker.controller.kube;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delays before retrying an object after consecutive transient failures: {@code initial}, doubling each time, at
 * most {@code max}; a success starts over.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** The delay after the {@code failures}-th consecutive failure (1 for the first). Pure. */
    public static Duration delay(int failures, Duration initial, Duration max) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Counts one more failure of {@code key} and returns how long to wait. */
    public Duration failed(String key) {
        return delay(failures.merge(key, 1, Integer::sum), initial, max);
    }

    /** {@code key} succeeded: the next failure waits {@code initial} again. */
    public void succeeded(String key) {
        failures.remove(key);
    }
}
