package dev.kinetic.api.sources.v1;

import dev.kinetic.api.eventing.EventingDefaults;

/** Knative's defaults for a PingSource ({@code ping_defaults.go}). */
public final class PingSourceDefaults {
    private PingSourceDefaults() {}

    /** Every minute. */
    public static final String DEFAULT_SCHEDULE = "* * * * *";

    public static void setDefaults(PingSource source) {
        if (source.getSpec() == null) {
            source.setSpec(new PingSourceSpec());
        }
        PingSourceSpec spec = source.getSpec();
        if (spec.getSchedule() == null || spec.getSchedule().isEmpty()) {
            spec.setSchedule(DEFAULT_SCHEDULE);
        }
        EventingDefaults.namespace(spec.getSink(), EventingDefaults.namespaceOf(source));
    }
}
