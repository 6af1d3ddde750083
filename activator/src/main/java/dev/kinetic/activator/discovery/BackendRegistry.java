package dev.kinetic.activator.discovery;

import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.activator.revision.RevisionSettings;
import dev.kinetic.activator.throttle.LoadBalancingPolicies;
import dev.kinetic.activator.throttle.RevisionThrottler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The revisions the activator knows and their pods. Revisions and EndpointSlice contents arrive as events (from the
 * informers); every pod listed is probed at once and then every probe period, and only pods whose last probe passed
 * are in their revision's throttler. A pod that fails a probe, or that a request could not reach, leaves the
 * rotation until a probe passes again.
 *
 * <p>All state except the revision map lives on one Vert.x context ({@code control}): the event methods may be called
 * from any thread and only queue work there, so no lock is needed and informer threads never wait. The revision map
 * is concurrent because every request reads it.
 */
public final class BackendRegistry implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

    /** A revision the activator routes to: its current settings and its throttler. */
    public static final class RevisionBackend {
        private final RevisionKey key;
        private final RevisionThrottler throttler;
        private volatile RevisionSettings settings;

        RevisionBackend(RevisionKey key, RevisionSettings settings, RevisionThrottler throttler) {
            this.key = key;
            this.settings = settings;
            this.throttler = throttler;
        }

        public RevisionKey key() {
            return key;
        }

        public RevisionSettings settings() {
            return settings;
        }

        public RevisionThrottler throttler() {
            return throttler;
        }
    }

    /** What the registry knows about one pod; touched on the control context only. */
    private static final class PodState {
        boolean ready;
        boolean probing;
    }

    private final Vertx vertx;
    private final Context control;
    private final Prober prober;
    private final Duration probePeriod;
    private final int queueDepth;
    private final Consumer<RevisionKey> onRevisionRemoved;

    private final Map<RevisionKey, RevisionBackend> revisions = new ConcurrentHashMap<>();
    /** Per revision, the ready addresses of each of its EndpointSlices (by slice name). */
    private final Map<RevisionKey, Map<String, Set<PodAddress>>> slices = new HashMap<>();

    private final Map<RevisionKey, Map<PodAddress, PodState>> pods = new HashMap<>();
    private long probeTimer = -1;

    /**
     * @param control the context all state changes run on; probe responses come back on it too
     * @param probePeriod how often every known pod is probed
     * @param queueDepth requests that may wait per revision
     * @param onRevisionRemoved told (on the control context) when a revision is deleted
     */
    public BackendRegistry(
            Vertx vertx,
            Context control,
            Prober prober,
            Duration probePeriod,
            int queueDepth,
            Consumer<RevisionKey> onRevisionRemoved) {
        this.vertx = vertx;
        this.control = control;
        this.prober = prober;
        this.probePeriod = probePeriod;
        this.queueDepth = queueDepth;
        this.onRevisionRemoved = onRevisionRemoved;
    }

    /** Starts the periodic probing of every known pod. */
    public void start() {
        onControl(() -> {
            if (probeTimer < 0) {
                probeTimer = vertx.setPeriodic(Math.max(1, probePeriod.toMillis()), id -> probeAll());
            }
        });
    }

    /** The revision, or null if the activator does not know it. Any thread. */
    public RevisionBackend get(RevisionKey key) {
        return revisions.get(key);
    }

    /** A revision was added or changed. */
    public void revisionUpdated(RevisionKey key, RevisionSettings settings) {
        onControl(() -> {
            RevisionBackend backend = revisions.get(key);
            if (backend == null) {
                RevisionThrottler throttler = new RevisionThrottler(
                        settings.containerConcurrency(), queueDepth, LoadBalancingPolicies::forContainerConcurrency);
                revisions.put(key, new RevisionBackend(key, settings, throttler));
                LOG.log(Level.DEBUG, "revision {0} added: {1}", key, settings);
                reconcilePods(key);
            } else if (!backend.settings.equals(settings)) {
                boolean capacityChanged = backend.settings.containerConcurrency() != settings.containerConcurrency();
                backend.settings = settings;
                if (capacityChanged) {
                    publish(key);
                }
            }
        });
    }

    /** A revision was deleted: it is forgotten and its pods are no longer probed. */
    public void revisionDeleted(RevisionKey key) {
        onControl(() -> {
            if (revisions.remove(key) != null) {
                pods.remove(key);
                onRevisionRemoved.accept(key);
                LOG.log(Level.DEBUG, "revision {0} removed", key);
            }
        });
    }

    /** One of the revision's EndpointSlices now lists these ready addresses. */
    public void sliceUpdated(RevisionKey key, String sliceName, Set<PodAddress> readyAddresses) {
        Set<PodAddress> copy = Set.copyOf(readyAddresses);
        onControl(() -> {
            Map<String, Set<PodAddress>> bySlice = slices.computeIfAbsent(key, k -> new HashMap<>());
            if (copy.equals(bySlice.get(sliceName))) {
                return;
            }
            bySlice.put(sliceName, copy);
            reconcilePods(key);
        });
    }

    /** One of the revision's EndpointSlices was deleted. */
    public void sliceDeleted(RevisionKey key, String sliceName) {
        onControl(() -> {
            Map<String, Set<PodAddress>> bySlice = slices.get(key);
            if (bySlice == null || bySlice.remove(sliceName) == null) {
                return;
            }
            if (bySlice.isEmpty()) {
                slices.remove(key);
            }
            reconcilePods(key);
        });
    }

    /**
     * A request could not connect to {@code address}: it leaves the rotation at once rather than wait for the next
     * probe, so retries go elsewhere. The next passing probe brings it back.
     */
    public void podUnreachable(RevisionKey key, String address) {
        PodAddress pod = PodAddress.parse(address);
        onControl(() -> {
            PodState state = pods.getOrDefault(key, Map.of()).get(pod);
            if (state != null && state.ready) {
                state.ready = false;
                LOG.log(
                        Level.INFO,
                        "pod {0} of revision {1} unreachable: out of rotation until it passes a probe",
                        pod,
                        key);
                publish(key);
            }
        });
    }

    /** Brings the revision's probed pods in line with its slices: only pods that came or went are touched. */
    private void reconcilePods(RevisionKey key) {
        if (!revisions.containsKey(key)) {
            // Slices of a revision we do not (yet) know: kept, but their pods are not probed.
            pods.remove(key);
            return;
        }
        Set<PodAddress> desired = new HashSet<>();
        slices.getOrDefault(key, Map.of()).values().forEach(desired::addAll);
        Map<PodAddress, PodState> states = pods.computeIfAbsent(key, k -> new HashMap<>());
        boolean readyRemoved = false;
        for (Iterator<Map.Entry<PodAddress, PodState>> it = states.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PodAddress, PodState> e = it.next();
            if (!desired.contains(e.getKey())) {
                readyRemoved |= e.getValue().ready;
                it.remove();
            }
        }
        List<PodAddress> added = new ArrayList<>();
        for (PodAddress pod : desired) {
            if (!states.containsKey(pod)) {
                states.put(pod, new PodState());
                added.add(pod);
            }
        }
        if (readyRemoved) {
            publish(key);
        }
        // New pods are probed at once: this is the scale-from-zero path, every millisecond counts.
        for (PodAddress pod : added) {
            probe(key, pod, states.get(pod));
        }
    }

    private void probeAll() {
        pods.forEach((key, states) -> states.forEach((pod, state) -> {
            if (!state.probing) {
                probe(key, pod, state);
            }
        }));
    }

    private void probe(RevisionKey key, PodAddress pod, PodState state) {
        state.probing = true;
        prober.probe(pod).onComplete(ar -> {
            state.probing = false;
            if (pods.getOrDefault(key, Map.of()).get(pod) != state) {
                return; // the pod (or its revision) went away while we probed it
            }
            boolean ready = ar.succeeded() && ar.result();
            if (ready != state.ready) {
                state.ready = ready;
                LOG.log(Level.DEBUG, "pod {0} of revision {1} is now {2}", pod, key, ready ? "ready" : "not ready");
                publish(key);
            }
        });
    }

    /** Hands the revision's ready pods (and current containerConcurrency) to its throttler. */
    private void publish(RevisionKey key) {
        RevisionBackend backend = revisions.get(key);
        if (backend == null) {
            return;
        }
        List<String> ready = new ArrayList<>();
        pods.getOrDefault(key, Map.of()).forEach((pod, state) -> {
            if (state.ready) {
                ready.add(pod.toString());
            }
        });
        backend.throttler().update(backend.settings().containerConcurrency(), ready);
    }

    private void onControl(Runnable action) {
        control.runOnContext(v -> action.run());
    }

    /** Stops probing. */
    @Override
    public void close() {
        onControl(() -> {
            if (probeTimer >= 0) {
                vertx.cancelTimer(probeTimer);
                probeTimer = -1;
            }
        });
    }
}
