package dev.kinetic.serving.controller;

import dev.kinetic.api.ApiConfig;
import dev.kinetic.serving.controller.resources.RevisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configuration one reconcile reads: immutable snapshots swapped atomically when a ConfigMap changes, so a
 * reconcile never sees half of an update. Starts from Knative's shipped defaults.
 */
@ApplicationScoped
public class ConfigSnapshot {
    private final AtomicReference<ApiConfig> api = new AtomicReference<>(ApiConfig.defaults());
    private final AtomicReference<RevisionConfig> revision = new AtomicReference<>(RevisionConfig.shipped());

    public ApiConfig api() {
        return api.get();
    }

    public void setApi(ApiConfig next) {
        api.set(next);
    }

    public RevisionConfig revision() {
        return revision.get();
    }

    public void setRevision(RevisionConfig next) {
        revision.set(next);
    }
}
