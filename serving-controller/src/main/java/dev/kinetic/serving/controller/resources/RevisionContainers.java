package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.Optional;

/** Finds a Revision's containers; tolerant of a spec that validation would reject, since builders must not throw. */
final class RevisionContainers {
    private RevisionContainers() {}

    static List<Container> all(Revision rev) {
        if (rev.getSpec() == null || rev.getSpec().getContainers() == null) {
            return List.of();
        }
        return rev.getSpec().getContainers();
    }

    /**
     * The index of the container receiving requests: the only one, else the first declaring a port, else the first
     * (a multi-container spec without a port is invalid, but the pod still needs a container to route to).
     */
    static int servingIndex(Revision rev) {
        List<Container> containers = all(rev);
        for (int i = 0; i < containers.size(); i++) {
            List<?> ports = containers.get(i).getPorts();
            if (ports != null && !ports.isEmpty()) {
                return i;
            }
        }
        return containers.isEmpty() ? -1 : 0;
    }

    static Optional<Container> serving(Revision rev) {
        int index = servingIndex(rev);
        return index < 0 ? Optional.empty() : Optional.of(all(rev).get(index));
    }

    /** The serving container's name, or empty when the spec has no container. */
    static String servingName(Revision rev) {
        return serving(rev).map(Container::getName).orElse("");
    }
}
