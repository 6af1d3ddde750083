package dev.kinetic.eventing.broker.receiver;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events waiting for Kafka's acknowledgement, across all brokers, bounded: past the limit a request is refused
 * at once (503) instead of queueing without bound while Kafka is slow or away. Lock-free.
 */
final class PendingEvents {
    private final AtomicInteger pending = new AtomicInteger();
    private final int limit;

    PendingEvents(int limit) {
        this.limit = limit;
    }

    /** Takes a place, or returns false when {@code limit} events already wait. */
    boolean tryAcquire() {
        if (pending.incrementAndGet() > limit) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives a place back once Kafka answered. */
    void release() {
        pending.decrementAndGet();
    }

    /** How many events wait. */
    int count() {
        return pending.get();
    }

    /** The limit. */
    int limit() {
        return limit;
    }
}
