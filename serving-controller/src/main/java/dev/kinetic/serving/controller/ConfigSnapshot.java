package dev.kinetic.serving.controller;

import dev.kinetic.api.ApiConfig;
import dev.kinetic.serving.controller.config.DomainConfig;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.GcConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
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
    private final AtomicReference<RouteConfig> route = new AtomicReference<>(RouteConfig.shipped());
    private final AtomicReference<GcConfig> gc = new AtomicReference<>(GcConfig.defaults());

    /** What routes read: host templates and ingress class, domains, gateways. */
    public record RouteConfig(NetworkConfig network, DomainConfig domain, GatewayConfig gateway) {
        public static RouteConfig shipped() {
            return new RouteConfig(NetworkConfig.defaults(), DomainConfig.defaults(), GatewayConfig.defaults());
        }
    }

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

    public RouteConfig route() {
        return route.get();
    }

    public void setRoute(RouteConfig next) {
        route.set(next);
    }

    public GcConfig gc() {
        return gc.get();
    }

    public void setGc(GcConfig next) {
        gc.set(next);
    }
}
