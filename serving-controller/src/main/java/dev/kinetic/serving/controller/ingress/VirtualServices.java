package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.names.ChildNames;
import dev.kinetic.serving.controller.traffic.Backend;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Istio {@code VirtualService} (networking.istio.io/v1beta1) for a Route: the {@code istio} ingress class. No
 * typed model for Istio is on the class path, so it is a {@link GenericKubernetesResource}.
 *
 * <p>One VirtualService per Route, named {@code <route>-ingress}, carries the same content as the Route's HTTPRoutes
 * ({@link HttpRoutes}): {@code spec.hosts} lists every in-cluster name and external host; {@code spec.gateways} lists
 * the external Istio Gateway (unless the Route is cluster-local), the local one and {@code mesh}, so sidecars route
 * the cluster-local names directly. The Istio Gateways are named as the Gateway API ones in {@code config-gateway}
 * ({@code <namespace>/<name>}), so an Istio installation provides Istio {@code Gateway} objects of those names.
 *
 * <p>{@code spec.http} has, per {@link IngressRule}, one entry for its in-cluster names (matched on the local
 * gateway and {@code mesh}) and one for its external host (matched on the external gateway). A host matches on the
 * {@code :authority} header either exactly or followed by a port ({@code prefix: "<host>:"}), never by a bare
 * prefix, which would also catch longer host names. Each route entry sends its Revision's percent to
 * {@code <revision>.<ns>.svc.<cluster-domain>:80} and sets {@code Knative-Serving-Revision} and
 * {@code Knative-Serving-Namespace}.
 */
public final class VirtualServices {
    private VirtualServices() {}

    public static final String API_VERSION = "networking.istio.io/v1beta1";
    public static final String KIND = "VirtualService";
    /** The pseudo-gateway standing for every sidecar in the mesh. */
    public static final String MESH = "mesh";

    /** {@code <route>-ingress}. */
    public static String name(Route route) {
        return ChildNames.childName(route.getMetadata().getName(), "-ingress");
    }

    /**
     * The VirtualService for {@code route}.
     *
     * @param route the Route, which owns the VirtualService
     * @param traffic the Route's resolved traffic
     * @param network the tag template and cluster domain
     * @param gateways the Gateways, whose {@code <namespace>/<name>} name the Istio Gateways
     */
    public static GenericKubernetesResource makeVirtualService(
            Route route, ResolvedTraffic traffic, NetworkConfig network, GatewayConfig gateways) {
        String namespace = route.getMetadata().getNamespace();
        String external = gateways.external().gateway().toString();
        String local = gateways.local().gateway().toString();
        boolean clusterLocal = IngressRule.isClusterLocal(route);

        Set<String> hosts = new LinkedHashSet<>();
        List<Object> http = new ArrayList<>();
        for (IngressRule rule : IngressRule.of(route, traffic, network)) {
            hosts.addAll(rule.localHosts());
            http.add(http(rule.localHosts(), List.of(local, MESH), rule.backends(), namespace, network));
            rule.externalHost().ifPresent(host -> {
                hosts.add(host);
                http.add(http(List.of(host), List.of(external), rule.backends(), namespace, network));
            });
        }

        List<String> gatewayNames = new ArrayList<>();
        if (!clusterLocal) {
            gatewayNames.add(external);
        }
        gatewayNames.add(local);
        gatewayNames.add(MESH);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("hosts", List.copyOf(hosts));
        spec.put("gateways", List.copyOf(gatewayNames));
        spec.put("http", List.copyOf(http));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withMetadata(HttpRoutes.meta(route, name(route), clusterLocal))
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }

    private static Map<String, Object> http(
            List<String> hosts,
            List<String> gateways,
            List<Backend> backends,
            String namespace,
            NetworkConfig network) {
        List<Object> matches = new ArrayList<>();
        for (String host : hosts) {
            matches.add(match("exact", host, gateways));
            matches.add(match("prefix", host + ":", gateways));
        }
        List<Object> routes = new ArrayList<>();
        for (Backend backend : backends) {
            Map<String, Object> destination = new LinkedHashMap<>();
            destination.put("host", backend.revisionName() + "." + namespace + "." + network.clusterLocalDomain());
            destination.put("port", Map.of("number", HttpRoutes.REVISION_SERVICE_PORT));
            Map<String, Object> set = new LinkedHashMap<>();
            set.put(HttpRoutes.REVISION_HEADER, backend.revisionName());
            set.put(HttpRoutes.NAMESPACE_HEADER, namespace);
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("destination", destination);
            route.put("weight", Math.toIntExact(backend.percent()));
            route.put("headers", Map.of("request", Map.of("set", set)));
            routes.add(route);
        }
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("match", List.copyOf(matches));
        http.put("route", List.copyOf(routes));
        return http;
    }

    private static Map<String, Object> match(String kind, String value, List<String> gateways) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("authority", Map.of(kind, value));
        match.put("gateways", List.copyOf(gateways));
        return match;
    }
}
