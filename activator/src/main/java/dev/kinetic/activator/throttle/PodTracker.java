package dev.kinetic.activator.throttle;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ready pod of a revision as the activator sees it: its address and how many of our requests it is serving,
 * bounded by its capacity (the revision's containerConcurrency; 0 means unlimited). Reservation is a CAS on one
 * counter, so any event loop may reserve or release without a lock.
 */
public final class PodTracker {
    private final String address;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Changes only when the revision's containerConcurrency does; in-flight counts must survive that. */
    private volatile int capacity;

    /**
     * @param address the pod's {@code ip:port}; also its position in the stable order of the first-available policy
     * @param capacity the most requests in flight at once, or 0 for no limit
     */
    public PodTracker(String address, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (0 is unlimited)");
        }
        this.address = address;
        this.capacity = capacity;
    }

    /** Takes one slot if the pod has room; the caller then owes exactly one {@link #release()}. */
    public boolean tryReserve() {
        int cap = capacity;
        if (cap == 0) {
            inFlight.incrementAndGet();
            return true;
        }
        while (true) {
            int current = inFlight.get();
            if (current >= cap) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot taken by {@link #tryReserve()}. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** Requests reserved on this pod and not yet released. */
    public int inFlight() {
        return inFlight.get();
    }

    public String address() {
        return address;
    }

    /** The most requests in flight at once; 0 is unlimited. */
    public int capacity() {
        return capacity;
    }

    /** A revision's new containerConcurrency; requests already in flight keep their slots. */
    void capacity(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (0 is unlimited)");
        }
        capacity = value;
    }

    @Override
    public String toString() {
        return address + " (" + inFlight.get() + "/" + (capacity == 0 ? "unlimited" : capacity) + ")";
    }
}
