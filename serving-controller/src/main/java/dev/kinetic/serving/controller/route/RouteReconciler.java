package dev.kinetic.serving.controller.route;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.RouteStatus;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.ConfigSnapshot;
import dev.kinetic.serving.controller.ControllerSettings;
import dev.kinetic.serving.controller.ingress.IngressRule;
import dev.kinetic.serving.controller.ingress.Ingresses;
import dev.kinetic.serving.controller.kube.Children;
import dev.kinetic.serving.controller.kube.StatusWriter;
import dev.kinetic.serving.controller.traffic.ClusterView;
import dev.kinetic.serving.controller.traffic.ConfigurationState;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import dev.kinetic.serving.controller.traffic.RevisionState;
import dev.kinetic.serving.controller.traffic.RouteRef;
import dev.kinetic.serving.controller.traffic.TrafficResolver;
import dev.kinetic.serving.controller.traffic.TrafficResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Route → ingress objects (Knative {@code pkg/reconciler/route}), in phases: resolve the traffic against the
 * namespace's Configurations and Revisions; mark the Revisions it routes to (routing state); program the ingress
 * (Gateway API HTTPRoutes, or Istio VirtualServices with that ingress class) and the cluster-local placeholder
 * Service; then write the status once.
 */
@ControllerConfiguration(name = "route")
public class RouteReconciler implements Reconciler<Route> {
    private static final String CONFIGURATIONS = "route-configurations";
    private static final String REVISIONS = "route-revisions";
    private final Clock clock = Clock.systemUTC();

    @Inject
    ConfigSnapshot config;

    @Inject
    ControllerSettings settings;

    @Override
    public List<EventSource<?, Route>> prepareEventSources(EventSourceContext<Route> context) {
        IndexedResourceCache<Route> routes = context.getPrimaryCache();
        return List.of(
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Configuration.class, Route.class)
                                .withName(CONFIGURATIONS)
                                .withSecondaryToPrimaryMapper(cfg -> referencing(routes, cfg, r -> targets(r, cfg)))
                                .build(),
                        context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Revision.class, Route.class)
                                .withName(REVISIONS)
                                .withSecondaryToPrimaryMapper(rev -> referencing(routes, rev, r -> targets(r, rev)))
                                .build(),
                        context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(HTTPRoute.class, Route.class)
                                .build(),
                        context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Service.class, Route.class)
                                .withName("route-placeholders")
                                .build(),
                        context));
    }

    /** The Routes in the object's namespace for which {@code test} holds. */
    private static Set<ResourceID> referencing(
            IndexedResourceCache<Route> routes, HasMetadata object, Predicate<Route> test) {
        return routes.list(object.getMetadata().getNamespace())
                .filter(test)
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    static boolean targets(Route route, Configuration cfg) {
        return traffic(route).stream().anyMatch(t -> cfg.getMetadata().getName().equals(t.getConfigurationName()));
    }

    /** A Revision matters to a Route it is pinned by, whose Configuration it follows, or that it lists as routing it. */
    static boolean targets(Route route, Revision rev) {
        String name = rev.getMetadata().getName();
        String cfg = rev.getMetadata().getLabels() == null
                ? null
                : rev.getMetadata().getLabels().get(Knative.CONFIGURATION_LABEL);
        return RoutingState.routes(rev.getMetadata())
                        .contains(route.getMetadata().getName())
                || traffic(route).stream()
                        .anyMatch(t -> name.equals(t.getRevisionName())
                                || (cfg != null && cfg.equals(t.getConfigurationName())));
    }

    private static List<TrafficTarget> traffic(Route route) {
        return route.getSpec() == null || route.getSpec().getTraffic() == null
                ? List.of()
                : route.getSpec().getTraffic();
    }

    @Override
    public UpdateControl<Route> reconcile(Route route, Context<Route> context) throws Exception {
        RouteStatus before = route.getStatus() == null ? new RouteStatus() : route.getStatus();
        RouteStatus status = Manifests.copy(before, RouteStatus.class);
        status.initializeConditions();
        ConfigSnapshot.RouteConfig cfg = config.route();

        // Read the namespace's objects from the informer caches rather than the secondary index: the index is
        // computed when a Configuration or Revision changes, which may be before this Route was in the cache.
        String ns = route.getMetadata().getNamespace();
        Set<Revision> revisions = cached(context, Revision.class, REVISIONS, ns);
        TrafficResult result = resolve(route, cached(context, Configuration.class, CONFIGURATIONS, ns), revisions, cfg);
        if (result instanceof TrafficResult.Unresolved unresolved) {
            unresolved.error().markOn(status);
        } else {
            ResolvedTraffic traffic = ((TrafficResult.Resolved) result).traffic();
            status.setUrl(traffic.url());
            status.setAddress(new Addressable().setUrl(traffic.address()));
            status.setTraffic(new ArrayList<>(traffic.statusTraffic()));
            status.markTrafficAssigned();
            labelRevisions(route, context, revisions, traffic.routedRevisions(), Instant.now(clock));
            try {
                reconcileIngress(route, context, traffic, Ingresses.forClass(cfg.network(), cfg.gateway()), status);
            } catch (Children.NotOwnedException e) {
                status.markNotOwned(e.kind(), e.name());
            }
        }
        status.markTlsNotEnabled("External domain TLS is not enabled");

        status.setObservedGeneration(route.getMetadata().getGeneration());
        return StatusWriter.write(context.getClient(), route, status, settings.resyncInterval());
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> Set<R> cached(
            Context<Route> context, Class<R> type, String name, String namespace) {
        InformerEventSource<R, Route> source =
                (InformerEventSource<R, Route>) context.eventSourceRetriever().getEventSourceFor(type, name);
        return source.list(namespace).collect(Collectors.toSet());
    }

    private static TrafficResult resolve(
            Route route, Set<Configuration> configurations, Set<Revision> revisions, ConfigSnapshot.RouteConfig cfg) {
        ClusterView cluster = ClusterView.of(
                configurations.stream().map(ConfigurationState::from).toList(),
                revisions.stream().map(RevisionState::from).toList());
        String domain = IngressRule.isClusterLocal(route)
                ? "svc." + cfg.network().clusterDomain()
                : cfg.domain()
                        .domainFor(
                                route.getMetadata().getLabels(), cfg.network().clusterDomain());
        return TrafficResolver.resolve(
                new RouteRef(
                        route.getMetadata().getNamespace(),
                        route.getMetadata().getName(),
                        route.getMetadata().getLabels() == null
                                ? java.util.Map.of()
                                : route.getMetadata().getLabels()),
                traffic(route),
                cluster,
                domain,
                cfg.network());
    }

    /** Routed Revisions become active; Revisions this Route no longer targets are released. */
    private static void labelRevisions(
            Route route, Context<Route> context, Set<Revision> revisions, Set<String> routed, Instant now) {
        String name = route.getMetadata().getName();
        for (Revision rev : revisions) {
            boolean isRouted = routed.contains(rev.getMetadata().getName());
            RoutingState.update(rev.getMetadata(), name, isRouted, now).ifPresent(meta -> context.getClient()
                    .resources(Revision.class)
                    .inNamespace(rev.getMetadata().getNamespace())
                    .withName(rev.getMetadata().getName())
                    .edit(r -> {
                        r.getMetadata().setLabels(meta.getLabels());
                        r.getMetadata().setAnnotations(meta.getAnnotations());
                        return r;
                    }));
        }
    }

    private static void reconcileIngress(
            Route route, Context<Route> context, ResolvedTraffic traffic, Ingresses ingresses, RouteStatus status)
            throws Children.NotOwnedException {
        List<? extends HasMetadata> desired = ingresses.desired(route, traffic);
        List<HasMetadata> stored = new ArrayList<>();
        List<HasMetadata> existing = existingIngresses(route, context, ingresses);
        for (HasMetadata d : desired) {
            HasMetadata current = existing.stream()
                    .filter(e ->
                            e.getMetadata().getName().equals(d.getMetadata().getName()))
                    .findFirst()
                    .orElse(null);
            stored.add(Children.reconcile(context.getClient(), d, current, route, RouteReconciler::copySpec));
        }
        Set<String> wanted =
                desired.stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet());
        existing.stream()
                .filter(e -> !wanted.contains(e.getMetadata().getName()))
                .forEach(e -> context.getClient().resource(e).delete());

        Service placeholder = ingresses.placeholder(route);
        Service current = context.getSecondaryResources(Service.class).stream()
                .filter(s -> s.getMetadata()
                        .getName()
                        .equals(placeholder.getMetadata().getName()))
                .findFirst()
                .orElse(null);
        Children.reconcile(context.getClient(), placeholder, current, route, (d, t) -> {
            Children.replaceLabelsAnnotations(d, t);
            t.getSpec().setType(d.getSpec().getType());
            t.getSpec().setExternalName(d.getSpec().getExternalName());
            t.getSpec().setPorts(d.getSpec().getPorts());
        });
        ingresses.readiness(stored).applyTo(status);
    }

    private static List<HasMetadata> existingIngresses(Route route, Context<Route> context, Ingresses ingresses) {
        if (ingresses instanceof Ingresses.GatewayApi) {
            return new ArrayList<>(context.getSecondaryResources(HTTPRoute.class));
        }
        // VirtualServices have no typed model: read them directly, by the route label every one carries.
        List<GenericKubernetesResource> found = context.getClient()
                .genericKubernetesResources("networking.istio.io/v1beta1", "VirtualService")
                .inNamespace(route.getMetadata().getNamespace())
                .withLabel(Knative.ROUTE_LABEL, route.getMetadata().getName())
                .list()
                .getItems();
        return new ArrayList<>(found);
    }

    /** Labels, annotations and spec of an ingress object are ours; its status is the ingress implementation's. */
    private static void copySpec(HasMetadata desired, HasMetadata target) {
        Children.replaceLabelsAnnotations(desired, target);
        if (desired instanceof HTTPRoute d && target instanceof HTTPRoute t) {
            t.setSpec(d.getSpec());
        } else if (desired instanceof GenericKubernetesResource d && target instanceof GenericKubernetesResource t) {
            t.setAdditionalProperty("spec", d.getAdditionalProperties().get("spec"));
        }
    }
}
