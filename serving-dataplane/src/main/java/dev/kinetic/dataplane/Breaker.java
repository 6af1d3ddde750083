package dev.kinetic.dataplane;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue-proxy's concurrency breaker (Knative {@code pkg/queue/breaker.go}), non-blocking so it can sit on an
 * event loop: at most {@code capacity} requests run at once; up to {@code queueDepth} more wait, each admitted in
 * arrival order the moment a running one releases its slot; anything beyond is rejected at once (the caller answers
 * 503). Lock-free: two atomic counters and a concurrent queue of waiting callbacks.
 *
 * <p>The only subtle case is a slot freed while a request is being queued; {@link #acquire} re-checks after
 * enqueueing, and whichever side removes the waiter from the queue is the one that runs it, so a waiter is never
 * stranded and never run twice.
 */
public final class Breaker {
    /** What happened to a request offered to the breaker. */
    public enum Outcome {
        /** It runs now: its callback has already been called. */
        ADMITTED,
        /**
         * It waited: its callback runs when a slot frees, unless cancelled first (if a slot freed while it was being
         * queued, the callback may already have run by the time {@code acquire} returns).
         */
        QUEUED,
        /** The queue is full; its callback will never run. */
        REJECTED
    }

    private final int capacity;
    private final int queueDepth;
    /** Running plus waiting requests: bounds admission into the breaker. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Free running slots. */
    private final AtomicInteger tokens;

    private final ConcurrentLinkedQueue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    /**
     * @param capacity the most requests running at once (containerConcurrency), at least 1
     * @param queueDepth the most requests waiting (Knative uses 10 × capacity)
     */
    public Breaker(int capacity, int queueDepth) {
        if (capacity < 1 || queueDepth < 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and queueDepth >= 0");
        }
        this.capacity = capacity;
        this.queueDepth = queueDepth;
        this.tokens = new AtomicInteger(capacity);
    }

    /** Knative's sizing for a revision's containerConcurrency: a queue ten times the capacity. */
    public static Breaker forContainerConcurrency(int containerConcurrency) {
        return new Breaker(containerConcurrency, 10 * containerConcurrency);
    }

    /**
     * Offers a request. {@code onAdmit} runs (on the calling thread when ADMITTED, on the releasing thread when a
     * queued request gets its slot) exactly once if the outcome is not REJECTED and the request is not cancelled.
     */
    public Outcome acquire(Runnable onAdmit) {
        if (pending.incrementAndGet() > capacity + queueDepth) {
            pending.decrementAndGet();
            return Outcome.REJECTED;
        }
        if (tryTakeToken()) {
            onAdmit.run();
            return Outcome.ADMITTED;
        }
        waiters.add(onAdmit);
        // A slot may have been freed between our failed take and the enqueue: claim it for the oldest waiter.
        drain();
        return Outcome.QUEUED;
    }

    /**
     * Takes a slot if one is free right now, without queueing: the fast path, with no callback. False when every
     * slot is taken (the caller then {@link #acquire queues} the request); a true result is released as usual.
     */
    public boolean tryAcquire() {
        if (!waiters.isEmpty()) {
            return false; // keep arrival order: waiters go first
        }
        if (pending.incrementAndGet() > capacity + queueDepth) {
            pending.decrementAndGet();
            return false;
        }
        if (tryTakeToken()) {
            return true;
        }
        pending.decrementAndGet();
        return false;
    }

    /** Gives back the slot of a request that ran; the oldest waiter, if any, gets it. */
    public void release() {
        pending.decrementAndGet();
        tokens.incrementAndGet();
        drain();
    }

    /**
     * Withdraws a waiting request (its deadline passed or its client left). True if it was still waiting and will
     * now never run; false if it was already admitted (the caller then releases it as usual).
     */
    public boolean cancel(Runnable onAdmit) {
        if (waiters.remove(onAdmit)) {
            pending.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Requests running now. */
    public int inFlight() {
        return capacity - tokens.get();
    }

    /** Requests admitted into the breaker, running or waiting. */
    public int pending() {
        return pending.get();
    }

    public int capacity() {
        return capacity;
    }

    /** Hands free slots to waiters, oldest first, for as long as both exist. */
    private void drain() {
        while (!waiters.isEmpty() && tryTakeToken()) {
            Runnable next = waiters.poll();
            if (next == null) {
                // Another thread took the last waiter after we took a slot: give the slot back and look again.
                tokens.incrementAndGet();
                continue;
            }
            next.run();
        }
    }

    private boolean tryTakeToken() {
        while (true) {
            int available = tokens.get();
            if (available <= 0) {
                return false;
            }
            if (tokens.compareAndSet(available, available - 1)) {
                return true;
            }
        }
    }
}
