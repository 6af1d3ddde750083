package dev.kinetic.eventing.broker.controller.kube;

import java.time.Duration;

/**
 * When a reconcile wants to look at its object again: the resync interval, shortened by each phase that is waiting
 * for something or failed ({@link #requeueWithin}); the soonest wins.
 */
public class Requeue {
    private Duration requeue;

    /** @param resync the delay when nothing asks for a sooner look */
    public Requeue(Duration resync) {
        this.requeue = resync;
    }

    /** Looks again within {@code delay} at the latest. */
    public void requeueWithin(Duration delay) {
        if (delay.compareTo(requeue) < 0) {
            requeue = delay;
        }
    }

    /** The delay to reschedule after. */
    public Duration requeue() {
        return requeue;
    }
}
