package dev.kinetic.api.sources.v1;

import dev.kinetic.api.eventing.EventingDefaults;

/** Knative's defaults for an ApiServerSource ({@code apiserver_defaults.go}). */
public final class ApiServerSourceDefaults {
    private ApiServerSourceDefaults() {}

    public static final String DEFAULT_SERVICE_ACCOUNT = "default";

    public static void setDefaults(ApiServerSource source) {
        if (source.getSpec() == null) {
            source.setSpec(new ApiServerSourceSpec());
        }
        ApiServerSourceSpec spec = source.getSpec();
        if (spec.getMode() == null || spec.getMode().isEmpty()) {
            spec.setMode(ApiServerSourceSpec.MODE_REFERENCE);
        }
        if (spec.getServiceAccountName() == null || spec.getServiceAccountName().isEmpty()) {
            spec.setServiceAccountName(DEFAULT_SERVICE_ACCOUNT);
        }
        EventingDefaults.namespace(spec.getSink(), EventingDefaults.namespaceOf(source));
    }
}
