package dev.kinetic.serving.controller;

import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.config.ServingConfig;
import dev.kinetic.serving.controller.config.DeploymentConfig;
import dev.kinetic.serving.controller.config.DomainConfig;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.GcConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.resources.RevisionConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
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

    /**
     * Applies a change to one of the ConfigMaps we read. A valid ConfigMap replaces its snapshot atomically; an
     * invalid one changes nothing (the last good config stays in force) and its errors are returned, each naming
     * its key. ConfigMaps we do not read return no errors.
     */
    public synchronized Errors update(String configMap, Map<String, String> data) {
        switch (configMap) {
            case DefaultsConfig.NAME -> {
                var parsed = DefaultsConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    setServing(api().serving().withDefaults(parsed.config()));
                }
                return parsed.errors();
            }
            case FeaturesConfig.NAME -> {
                var parsed = FeaturesConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    setServing(api().serving().withFeatures(parsed.config()));
                }
                return parsed.errors();
            }
            case AutoscalerConfig.NAME -> {
                var parsed = AutoscalerConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    setServing(api().serving().withAutoscaler(parsed.config()));
                }
                return parsed.errors();
            }
            case DeploymentConfig.NAME -> {
                var parsed = DeploymentConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    revision.set(revision().withDeployment(parsed.config()));
                }
                return parsed.errors();
            }
            case NetworkConfig.NAME -> {
                var parsed = NetworkConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    route.set(new RouteConfig(parsed.config(), route().domain(), route().gateway()));
                }
                return parsed.errors();
            }
            case DomainConfig.NAME -> {
                var parsed = DomainConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    route.set(new RouteConfig(route().network(), parsed.config(), route().gateway()));
                }
                return parsed.errors();
            }
            case GatewayConfig.NAME -> {
                var parsed = GatewayConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    route.set(new RouteConfig(route().network(), route().domain(), parsed.config()));
                }
                return parsed.errors();
            }
            case GcConfig.NAME -> {
                var parsed = GcConfig.fromMap(data);
                if (parsed.errors().isEmpty()) {
                    gc.set(parsed.config());
                }
                return parsed.errors();
            }
            default -> {
                return Errors.none();
            }
        }
    }

    /** Serving defaults, features and autoscaler keys feed both admission and the revision builders. */
    private void setServing(ServingConfig serving) {
        api.set(new ApiConfig(serving, api().eventing()));
        RevisionConfig r = revision();
        revision.set(new RevisionConfig(
                r.deployment(), serving.defaults(), serving.autoscaler(), serving.features(), r.systemNamespace()));
    }

    /** The names of the ConfigMaps this controller reads. */
    public static final java.util.Set<String> CONFIG_MAPS = java.util.Set.of(
            DefaultsConfig.NAME,
            FeaturesConfig.NAME,
            AutoscalerConfig.NAME,
            DeploymentConfig.NAME,
            NetworkConfig.NAME,
            DomainConfig.NAME,
            GatewayConfig.NAME,
            GcConfig.NAME);
}
