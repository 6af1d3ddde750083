package dev.kinetic.api.sources.v1;

import dev.kinetic.api.eventing.EventingDefaults;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/** Knative's defaults for a ContainerSource ({@code container_defaults.go}). */
public final class ContainerSourceDefaults {
    private ContainerSourceDefaults() {}

    /**
     * Unnamed containers are named {@code <source>-<index>} (left unnamed, and so rejected, while the source itself
     * has no name yet); the sink reference gets the source's namespace.
     */
    public static void setDefaults(ContainerSource source) {
        if (source.getSpec() == null) {
            source.setSpec(new ContainerSourceSpec());
        }
        ContainerSourceSpec spec = source.getSpec();
        String name = source.getMetadata() == null ? null : source.getMetadata().getName();
        if (name != null && spec.getTemplate() != null && spec.getTemplate().getSpec() != null) {
            List<Container> containers = spec.getTemplate().getSpec().getContainers();
            for (int i = 0; containers != null && i < containers.size(); i++) {
                Container container = containers.get(i);
                if (container != null
                        && (container.getName() == null || container.getName().isEmpty())) {
                    container.setName(name + "-" + i);
                }
            }
        }
        EventingDefaults.namespace(spec.getSink(), EventingDefaults.namespaceOf(source));
    }
}
