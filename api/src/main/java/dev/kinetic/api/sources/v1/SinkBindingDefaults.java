package dev.kinetic.api.sources.v1;

import dev.kinetic.api.eventing.EventingDefaults;

/** Knative's defaults for a SinkBinding ({@code sinkbinding_defaults.go}): the subject lives in the binding's namespace. */
public final class SinkBindingDefaults {
    private SinkBindingDefaults() {}

    public static void setDefaults(SinkBinding binding) {
        if (binding.getSpec() == null) {
            binding.setSpec(new SinkBindingSpec());
        }
        SinkBindingSpec spec = binding.getSpec();
        String namespace = EventingDefaults.namespaceOf(binding);
        SubjectReference subject = spec.getSubject();
        if (subject != null
                && (subject.getNamespace() == null || subject.getNamespace().isEmpty())) {
            subject.setNamespace(namespace);
        }
        EventingDefaults.namespace(spec.getSink(), namespace);
    }
}
