package dev.kinetic.autoscaler.kpa;

import dev.kinetic.autoscaler.AutoscalerSettings;
import dev.kinetic.autoscaler.collect.EndpointDirectory;
import dev.kinetic.autoscaler.collect.RevisionKey;
import dev.kinetic.autoscaler.collect.RevisionMetrics;
import dev.kinetic.autoscaler.metrics.Aggregation;
import dev.kinetic.autoscaler.scaling.Decider;
import dev.kinetic.autoscaler.scaling.DeciderSpec;
import dev.kinetic.autoscaler.scaling.Decision;
import dev.kinetic.autoscaler.scaling.Observation;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Every revision's decider: its spec, its metrics and its latest decision, decided on one ticker thread every tick
 * (2 s) and at once when a revision at zero gets traffic (a "poke"). When a decision changes what the reconciler
 * would do (the scale, whether burst capacity is short, how many activators), the PodAutoscaler is reconciled.
 */
@ApplicationScoped
public class Deciders {
    private static final Logger LOG = Logger.getLogger(Deciders.class);

    @Inject
    AutoscalerSettings settings;

    @Inject
    EndpointDirectory directory;

    private final Map<RevisionKey, Entry> entries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kpa-ticker");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<RevisionKey> onChange = key -> {};
    private volatile Predicate<RevisionKey> exists = key -> true;

    /** One revision's decider. Its decision is written on the ticker thread only. */
    static final class Entry {
        volatile DeciderSpec spec;
        volatile RevisionMetrics metrics;
        volatile Decision decision;

        Entry(DeciderSpec spec, Aggregation aggregation, Decision decision) {
            this.spec = spec;
            this.metrics = new RevisionMetrics(spec.stableWindowMillis(), spec.panicWindowMillis(), aggregation);
            this.decision = decision;
        }
    }

    void start(@Observes StartupEvent event) {
        long tick = settings.tickInterval().toMillis();
        ticker.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }

    /** Who to tell when a revision's decision changed, and how to tell a revision that no longer exists. */
    public void watch(Consumer<RevisionKey> onChange, Predicate<RevisionKey> exists) {
        this.onChange = onChange;
        this.exists = exists;
    }

    /**
     * The revision's latest decision, creating its decider (in Knative's initial state) when it has none and
     * taking {@code spec} as its spec from now on.
     */
    public Decision ensure(RevisionKey key, DeciderSpec spec, Aggregation aggregation, long nowMillis) {
        Entry entry = entries.computeIfAbsent(
                key, k -> new Entry(spec, aggregation, Decider.initial(spec, readyPods(k), nowMillis)));
        entry.spec = spec;
        if (!entry.metrics.hasWindows(spec.stableWindowMillis(), spec.panicWindowMillis(), aggregation)) {
            // New window lengths start from empty windows: the history is lost (Knative resizes instead).
            entry.metrics = new RevisionMetrics(spec.stableWindowMillis(), spec.panicWindowMillis(), aggregation);
        }
        return entry.decision;
    }

    /** The latest decision, if the revision has a decider. */
    public Decision decision(RevisionKey key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.decision;
    }

    /** The spec, if the revision has a decider. */
    public DeciderSpec spec(RevisionKey key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.spec;
    }

    /** Revisions whose pods are scraped: all but those whose activator is always in the path (TBC −1). */
    public List<RevisionKey> scrapeTargets() {
        return entries.entrySet().stream()
                .filter(e -> e.getValue().spec.targetBurstCapacity() != -1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * Adds {@code source}'s report of traffic to the revision's windows (ignored for a revision without decider); see
     * {@link RevisionMetrics#record} for how one source's reports within a second combine.
     */
    public void record(RevisionKey key, String source, long nowMillis, double concurrency, double rps) {
        Entry entry = entries.get(key);
        if (entry != null) {
            entry.metrics.record(source, nowMillis, concurrency, rps);
        }
    }

    /** Traffic arrived for a revision: decide at once if it is at zero (or not decided yet). */
    public void poke(RevisionKey key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.decision.desiredScale() <= 0) {
            ticker.execute(() -> decide(key, entry, System.currentTimeMillis()));
        }
    }

    /** Forgets a revision (its PodAutoscaler is gone). */
    public void remove(RevisionKey key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }

    void tick() {
        long now = System.currentTimeMillis();
        try {
            for (Map.Entry<RevisionKey, Entry> e : entries.entrySet()) {
                if (!exists.test(e.getKey())) {
                    entries.remove(e.getKey());
                    continue;
                }
                decide(e.getKey(), e.getValue(), now);
            }
        } catch (RuntimeException ex) {
            // A failed tick must not cancel the schedule.
            LOG.error("autoscaler tick failed", ex);
        }
    }

    private void decide(RevisionKey key, Entry entry, long now) {
        DeciderSpec spec = entry.spec;
        Observation observation = entry.metrics.observe(now, DeciderSpec.RPS.equals(spec.metric()), readyPods(key));
        Decision before = entry.decision;
        Decision after = Decider.decide(spec, observation, before, now);
        entry.decision = after;
        if (changesReconcile(before, after)) {
            // Rare (a scale or mode change), and what an operator needs to see why.
            LOG.infof(
                    "%s: desired %d -> %d, ebc %d -> %d; observed stable %.2f, panic %.2f, ready pods %d",
                    key,
                    before.desiredScale(),
                    after.desiredScale(),
                    before.excessBurstCapacity(),
                    after.excessBurstCapacity(),
                    observation.stable(),
                    observation.panic(),
                    observation.readyPods());
            onChange.accept(key);
        }
    }

    static boolean changesReconcile(Decision before, Decision after) {
        return before.desiredScale() != after.desiredScale()
                || (before.excessBurstCapacity() < 0) != (after.excessBurstCapacity() < 0)
                || before.numActivators() != after.numActivators();
    }

    private int readyPods(RevisionKey key) {
        return directory
                .readyAddresses(key.namespace(), key.name() + "-private")
                .size();
    }
}
