package dev.kinetic.api;

import dev.kinetic.api.eventing.config.EventingConfig;
import dev.kinetic.api.serving.config.ServingConfig;

/**
 * The cluster configuration defaulting and validation read: one immutable snapshot of the serving ConfigMaps
 * ({@code config-defaults}, {@code config-features}, {@code config-autoscaler}) and the eventing ones.
 */
public record ApiConfig(ServingConfig serving, EventingConfig eventing) {

    /** Knative's shipped defaults everywhere. */
    public static ApiConfig defaults() {
        return new ApiConfig(ServingConfig.shipped(), EventingConfig.defaults());
    }
}
