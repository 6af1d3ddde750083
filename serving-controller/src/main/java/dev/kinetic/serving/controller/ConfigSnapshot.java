package dev.kinetic.serving.controller;

import dev.kinetic.api.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration one reconcile reads: an immutable snapshot swapped atomically when a ConfigMap changes, so a
 * reconcile never sees half of an update. Starts from Knative's shipped defaults.
 */
@ApplicationScoped
public class ConfigSnapshot {
    private final AtomicReference<ApiConfig> api = new AtomicReference<>(ApiConfig.defaults());

    public ApiConfig api() {
        return api.get();
    }

    public void setApi(ApiConfig next) {
        api.set(next);
    }
}
