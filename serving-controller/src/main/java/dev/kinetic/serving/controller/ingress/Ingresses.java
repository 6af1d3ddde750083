package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;

/**
 * The ingress implementation selected by {@code config-network}'s {@code ingress-class}, answering "which objects
 * program this Route" and "are they ready". The reconciler gets one from {@link #forClass} per reconcile and switches
 * on the two cases only where it needs the concrete kind (to pick a client).
 */
public sealed interface Ingresses {

    /** The config the objects are built from. */
    NetworkConfig network();

    /** The Gateways the objects attach to. */
    GatewayConfig gateways();

    /** The ingress objects for {@code route}, all in its namespace and owned by it. */
    List<? extends HasMetadata> desired(Route route, ResolvedTraffic traffic);

    /**
     * {@code IngressReady} from the stored objects of this class; objects of another kind are ignored, so stale
     * objects of a previous ingress class do not count.
     */
    IngressStatus.Readiness readiness(List<? extends HasMetadata> stored);

    /** The Route's ExternalName Service, pointing at the local gateway's Service. */
    default Service placeholder(Route route) {
        return Placeholders.makeExternalNameService(route, Placeholders.targetHost(gateways(), network()));
    }

    /** The implementation for {@code network.ingressClass()}. */
    static Ingresses forClass(NetworkConfig network, GatewayConfig gateways) {
        if (NetworkConfig.ISTIO_INGRESS_CLASS.equals(network.ingressClass())) {
            return new Istio(network, gateways);
        }
        return new GatewayApi(network, gateways);
    }

    /** Gateway API HTTPRoutes, the default class ({@value NetworkConfig#GATEWAY_API_INGRESS_CLASS}). */
    record GatewayApi(NetworkConfig network, GatewayConfig gateways) implements Ingresses {
        @Override
        public List<HTTPRoute> desired(Route route, ResolvedTraffic traffic) {
            return HttpRoutes.makeHttpRoutes(route, traffic, network, gateways);
        }

        @Override
        public IngressStatus.Readiness readiness(List<? extends HasMetadata> stored) {
            return IngressStatus.ofHttpRoutes(stored.stream()
                    .filter(HTTPRoute.class::isInstance)
                    .map(HTTPRoute.class::cast)
                    .toList());
        }
    }

    /** An Istio VirtualService ({@value NetworkConfig#ISTIO_INGRESS_CLASS}). */
    record Istio(NetworkConfig network, GatewayConfig gateways) implements Ingresses {
        @Override
        public List<GenericKubernetesResource> desired(Route route, ResolvedTraffic traffic) {
            return List.of(VirtualServices.makeVirtualService(route, traffic, network, gateways));
        }

        @Override
        public IngressStatus.Readiness readiness(List<? extends HasMetadata> stored) {
            return IngressStatus.ofVirtualServices(stored.stream()
                    .filter(GenericKubernetesResource.class::isInstance)
                    .map(GenericKubernetesResource.class::cast)
                    .filter(r -> VirtualServices.KIND.equals(r.getKind()))
                    .toList());
        }
    }
}
