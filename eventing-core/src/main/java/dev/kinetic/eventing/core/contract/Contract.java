package dev.kinetic.eventing.core.contract;

import java.util.List;

/**
 * Everything one data plane serves: a generation that grows with every change the controller writes, and the
 * resources (brokers, channels) with their egresses (triggers, subscriptions).
 *
 * @param generation increases with each write; a watcher ignores a document whose generation it has applied
 * @param resources the resources, each keyed by its {@link Resource#uid()}
 */
public record Contract(long generation, List<Resource> resources) {
    public Contract {
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /** The contract before any has been read: generation 0, nothing served. */
    public static final Contract EMPTY = new Contract(0, List.of());
}
