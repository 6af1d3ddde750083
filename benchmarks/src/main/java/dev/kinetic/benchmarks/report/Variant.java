package dev.kinetic.benchmarks.report;

import java.util.List;
import java.util.Optional;

/** A path from wrk to the stub app, in the order run.sh measures them. */
public enum Variant {
    DIRECT("direct", "direct (no proxy)", List.of("stub"), false),
    NGINX("nginx", "nginx", List.of("nginx"), false),
    QUEUE_PROXY("queue-proxy", "queue-proxy", List.of("queue-proxy"), true),
    ACTIVATOR("activator", "activator", List.of("activator"), true),
    ACTIVATOR_QUEUE_PROXY(
            "activator-queue-proxy", "activator → queue-proxy", List.of("activator", "queue-proxy"), true);

    private final String id;
    private final String title;
    private final List<String> processes;
    private final boolean kinetic;

    Variant(String id, String title, List<String> processes, boolean kinetic) {
        this.id = id;
        this.title = title;
        this.processes = processes;
        this.kinetic = kinetic;
    }

    /** The name run.sh uses in its files. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /**
     * The processes whose CPU time is charged to this variant: its proxies, or the stub itself for {@link #DIRECT},
     * for reference.
     */
    public List<String> processes() {
        return processes;
    }

    /** Whether it is one of Kinetic's hops, the subject of the targets. */
    public boolean kinetic() {
        return kinetic;
    }

    public static Optional<Variant> byId(String id) {
        for (Variant v : values()) {
            if (v.id.equals(id)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
