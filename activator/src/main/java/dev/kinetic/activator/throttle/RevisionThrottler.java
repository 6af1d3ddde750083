package dev.kinetic.activator.throttle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * One revision's throttle: its ready pods, each limited to containerConcurrency, and a bounded FIFO of requests
 * waiting for a slot. This is the revision-level breaker of Knative's activator: its capacity is the sum of the pods'
 * capacities (a request runs only once a policy reserved a pod for it), its queue holds at most {@code queueDepth}
 * requests, and a request beyond that is rejected at once (the caller answers 503).
 *
 * <p>Lock-free like the queue-proxy's breaker: pods are an immutable snapshot swapped by one writer (the discovery
 * context), waiters a concurrent queue. Every event that can let a waiter run (a slot released, pods changed, a
 * waiter enqueued) is followed by {@link #dispatch()}, and a waiter belongs to whichever thread removes it from the
 * queue, so no waiter is stranded while a slot is free and none runs twice.
 */
public final class RevisionThrottler {
    /** Knative's activator queue depth per revision. */
    public static final int DEFAULT_QUEUE_DEPTH = 10_000;

    /** A request waiting for a pod. */
    @FunctionalInterface
    public interface Waiter {
        /**
         * The request got a slot on {@code pod}; it must release it through {@link #release(PodTracker)}. Called on
         * whichever thread freed the slot, so implementations hand over to their own event loop and return at once.
         */
        void admit(PodTracker pod);
    }

    /** What happened to a request offered to the throttler. */
    public enum Admission {
        /** A pod was reserved and {@link Waiter#admit} already ran. */
        ADMITTED,
        /** It waits in the queue (if a slot freed meanwhile, {@link Waiter#admit} may already have run). */
        QUEUED,
        /** The queue is full; {@link Waiter#admit} will never run. */
        REJECTED
    }

    /** The pods and the policy that goes with their containerConcurrency, replaced together. */
    private record Backends(int containerConcurrency, List<PodTracker> pods, LoadBalancingPolicy policy) {}

    private final int queueDepth;
    private final IntFunction<LoadBalancingPolicy> policies;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile Backends backends;

    /** A throttler with no pods yet, Knative's queue depth and the policy {@link LoadBalancingPolicies} chooses. */
    public RevisionThrottler(int containerConcurrency) {
        this(containerConcurrency, DEFAULT_QUEUE_DEPTH, LoadBalancingPolicies::forContainerConcurrency);
    }

    /**
     * @param queueDepth the most requests waiting at once
     * @param policies the policy for a containerConcurrency
     */
    public RevisionThrottler(int containerConcurrency, int queueDepth, IntFunction<LoadBalancingPolicy> policies) {
        if (queueDepth < 0) {
            throw new IllegalArgumentException("queueDepth must be >= 0");
        }
        this.queueDepth = queueDepth;
        this.policies = policies;
        this.backends = new Backends(containerConcurrency, List.of(), policies.apply(containerConcurrency));
    }

    /** Offers a request: it runs now on a pod with room, waits for one, or is rejected because the queue is full. */
    public Admission acquire(Waiter waiter) {
        // Jump no queue: a newcomer runs at once only when nobody is waiting.
        if (waiters.isEmpty()) {
            PodTracker pod = pick();
            if (pod != null) {
                waiter.admit(pod);
                return Admission.ADMITTED;
            }
        }
        if (queued.incrementAndGet() > queueDepth) {
            queued.decrementAndGet();
            return Admission.REJECTED;
        }
        waiters.add(waiter);
        // A slot may have freed between the failed pick and the enqueue.
        dispatch();
        return Admission.QUEUED;
    }

    /**
     * Withdraws a waiting request (its deadline passed or its client left). True if it was still waiting and will
     * never be admitted; false if it was admitted already (it then releases its pod as usual).
     */
    public boolean cancel(Waiter waiter) {
        if (waiters.remove(waiter)) {
            queued.decrementAndGet();
            return true;
        }
        return false;
    }

    /** A request on {@code pod} is over: frees its slot and hands it to the oldest waiter, if any. */
    public void release(PodTracker pod) {
        pod.release();
        dispatch();
    }

    /**
     * Sets the revision's containerConcurrency and ready pods. Pods that stay keep their tracker (and so their
     * in-flight count); the rest are dropped, new ones start empty. Called by one thread at a time (the discovery
     * context); waiters are dispatched onto any new capacity.
     */
    public void update(int containerConcurrency, Collection<String> readyAddresses) {
        Backends current = backends;
        Map<String, PodTracker> existing = new HashMap<>();
        for (PodTracker pod : current.pods()) {
            existing.put(pod.address(), pod);
        }
        List<PodTracker> pods = new ArrayList<>(readyAddresses.size());
        // Sorted by address: the stable order the first-available policy packs requests in.
        for (String address : new TreeSet<>(readyAddresses)) {
            PodTracker pod = existing.get(address);
            if (pod == null) {
                pod = new PodTracker(address, containerConcurrency);
            } else if (pod.capacity() != containerConcurrency) {
                pod.capacity(containerConcurrency);
            }
            pods.add(pod);
        }
        LoadBalancingPolicy policy = containerConcurrency == current.containerConcurrency()
                ? current.policy()
                : policies.apply(containerConcurrency);
        backends = new Backends(containerConcurrency, List.copyOf(pods), policy);
        dispatch();
    }

    /** Admits waiters, oldest first, for as long as a pod has room. */
    private void dispatch() {
        while (!waiters.isEmpty()) {
            PodTracker pod = pick();
            if (pod == null) {
                return;
            }
            Waiter next = waiters.poll();
            if (next == null) {
                // Someone else took the last waiter (dispatched or cancelled it): give the slot back.
                pod.release();
                continue;
            }
            queued.decrementAndGet();
            next.admit(pod);
        }
    }

    private PodTracker pick() {
        Backends b = backends;
        return b.pods().isEmpty() ? null : b.policy().pick(b.pods());
    }

    /** True while the revision has at least one ready pod. */
    public boolean hasPods() {
        return !backends.pods().isEmpty();
    }

    /** The ready pods, sorted by address. */
    public List<PodTracker> pods() {
        return backends.pods();
    }

    public int containerConcurrency() {
        return backends.containerConcurrency();
    }

    /** The revision's capacity: Σ pod capacity, or {@link Integer#MAX_VALUE} when containerConcurrency is 0. */
    public int capacity() {
        Backends b = backends;
        if (b.containerConcurrency() == 0) {
            return b.pods().isEmpty() ? 0 : Integer.MAX_VALUE;
        }
        return b.containerConcurrency() * b.pods().size();
    }

    /** Requests waiting now. */
    public int queued() {
        return queued.get();
    }

    public int queueDepth() {
        return queueDepth;
    }
}
