package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.kube.Owners;
import dev.kinetic.serving.controller.traffic.Backend;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateway API {@code HTTPRoute}s (gateway.networking.k8s.io/v1) for a Route: the default ingress class.
 *
 * <p>Each {@link IngressRule} gives one HTTPRoute attached to the local gateway, with the rule's three in-cluster
 * names as hostnames, and, unless the rule is cluster-local, one more attached to the external gateway with the
 * external host. Naming: an HTTPRoute is named after the longest host it serves ({@code {name}.{ns}.svc.{cluster-
 * domain}} for a local one, the external host otherwise), as net-gateway-api does. Hosts are valid object names, stay
 * the same for as long as the Route and its tags do, and two HTTPRoutes can only share a name when two Routes claim
 * the same host, which is a conflict the reconciler reports through owner references rather than one a name suffix
 * should hide; so no {@code ChildNames} shortening is needed.
 *
 * <p>Every HTTPRoute has a single rule matching every path, one backend per Revision pointing at the Revision's
 * public Service on port 80 with the Revision's percent as weight, and per backend a {@code RequestHeaderModifier}
 * setting {@code Knative-Serving-Revision} and {@code Knative-Serving-Namespace}. Defaults the API server would fill
 * in (backend group and kind, parent group and kind, the {@code PathPrefix /} match) are written out so that the
 * desired object compares equal to the stored one. Rule timeouts are left unset.
 */
public final class HttpRoutes {
    private HttpRoutes() {}

    public static final String API_VERSION = "gateway.networking.k8s.io/v1";
    public static final String KIND = "HTTPRoute";
    public static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    public static final String GATEWAY_KIND = "Gateway";
    /** Label naming the Route's namespace on its ingress objects. */
    public static final String ROUTE_NAMESPACE_LABEL = Knative.SERVING_GROUP + "/routeNamespace";

    public static final String REVISION_HEADER = "Knative-Serving-Revision";
    public static final String NAMESPACE_HEADER = "Knative-Serving-Namespace";
    /** The public Service port of every Revision (http1). */
    public static final int REVISION_SERVICE_PORT = 80;

    /**
     * The HTTPRoutes for {@code route}: per rule of {@link IngressRule#of}, the local one first, then the external
     * one if any.
     *
     * @param route the Route, which owns every HTTPRoute
     * @param traffic the Route's resolved traffic
     * @param network the tag template and cluster domain
     * @param gateways the external and local Gateways the HTTPRoutes attach to
     */
    public static List<HTTPRoute> makeHttpRoutes(
            Route route, ResolvedTraffic traffic, NetworkConfig network, GatewayConfig gateways) {
        List<HTTPRoute> routes = new ArrayList<>();
        for (IngressRule rule : IngressRule.of(route, traffic, network)) {
            routes.add(httpRoute(route, rule, rule.clusterLocalHost(), rule.localHosts(), gateways.local(), true));
            rule.externalHost()
                    .ifPresent(host ->
                            routes.add(httpRoute(route, rule, host, List.of(host), gateways.external(), false)));
        }
        return List.copyOf(routes);
    }

    /** The reference to {@code gateway} an HTTPRoute's {@code parentRefs} holds. */
    public static ParentReference parentRef(GatewayConfig.Gateway gateway) {
        return new ParentReferenceBuilder()
                .withGroup(GATEWAY_GROUP)
                .withKind(GATEWAY_KIND)
                .withNamespace(gateway.gateway().namespace())
                .withName(gateway.gateway().name())
                .build();
    }

    /** The labels of every ingress object of {@code route}; {@code clusterLocal} adds the visibility label. */
    static Map<String, String> labels(Route route, boolean clusterLocal) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Knative.ROUTE_LABEL, route.getMetadata().getName());
        labels.put(ROUTE_NAMESPACE_LABEL, route.getMetadata().getNamespace());
        if (clusterLocal) {
            labels.put(Knative.VISIBILITY_LABEL, Knative.VISIBILITY_CLUSTER_LOCAL);
        }
        return labels;
    }

    static ObjectMeta meta(Route route, String name, boolean clusterLocal) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(route.getMetadata().getNamespace())
                .withLabels(labels(route, clusterLocal))
                .withOwnerReferences(Owners.controllerRef(route))
                .build();
    }

    private static HTTPRoute httpRoute(
            Route route,
            IngressRule rule,
            String name,
            List<String> hostnames,
            GatewayConfig.Gateway gateway,
            boolean clusterLocal) {
        String namespace = route.getMetadata().getNamespace();
        return new HTTPRouteBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withMetadata(meta(route, name, clusterLocal))
                .withNewSpec()
                .withParentRefs(parentRef(gateway))
                .withHostnames(hostnames)
                .addNewRule()
                .withMatches(new HTTPRouteMatchBuilder()
                        .withNewPath()
                        .withType("PathPrefix")
                        .withValue("/")
                        .endPath()
                        .build())
                .withBackendRefs(rule.backends().stream()
                        .map(b -> backendRef(b, namespace))
                        .toList())
                .endRule()
                .endSpec()
                .build();
    }

    private static HTTPBackendRef backendRef(Backend backend, String namespace) {
        return new HTTPBackendRefBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(backend.revisionName())
                .withPort(REVISION_SERVICE_PORT)
                .withWeight(Math.toIntExact(backend.percent()))
                .withFilters(new HTTPRouteFilterBuilder()
                        .withType("RequestHeaderModifier")
                        .withNewRequestHeaderModifier()
                        .withSet(
                                new HTTPHeaderBuilder()
                                        .withName(REVISION_HEADER)
                                        .withValue(backend.revisionName())
                                        .build(),
                                new HTTPHeaderBuilder()
                                        .withName(NAMESPACE_HEADER)
                                        .withValue(namespace)
                                        .build())
                        .endRequestHeaderModifier()
                        .build())
                .build();
    }
}
