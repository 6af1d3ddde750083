package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.kube.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;

/**
 * The Route's placeholder Service {@code <route>}: an ExternalName Service that makes the Route's
 * {@code status.address} ({@code <route>.<ns>.svc.<cluster-domain>}) resolve in cluster DNS, to the Service in front
 * of the gateway serving the Route's in-cluster names.
 */
public final class Placeholders {
    private Placeholders() {}

    public static final String PORT_NAME = "http";
    public static final int PORT = 80;

    /**
     * {@code <route>}, type ExternalName, port {@code http} 80, owned by the Route and labelled with its name.
     *
     * @param route the Route
     * @param targetHost the host the Service's DNS name is an alias of, normally {@link #targetHost}
     */
    public static Service makeExternalNameService(Route route, String targetHost) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(route.getMetadata().getName())
                .withNamespace(route.getMetadata().getNamespace())
                .withLabels(Map.of(Knative.ROUTE_LABEL, route.getMetadata().getName()))
                .withOwnerReferences(Owners.controllerRef(route))
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName(targetHost)
                .withSessionAffinity("None")
                .withPorts(new ServicePortBuilder()
                        .withName(PORT_NAME)
                        .withProtocol("TCP")
                        .withPort(PORT)
                        .withTargetPort(new IntOrString(PORT))
                        .build())
                .endSpec()
                .build();
    }

    /**
     * {@code <service>.<namespace>.svc.<cluster-domain>} of the local gateway's Service (its private load balancer,
     * as Knative calls it), or of a Service named like the Gateway when {@code config-gateway} names none.
     *
     * <p>Every Route, cluster-local or not, points here: its in-cluster names are served by the local gateway only
     * (see {@link IngressRule}); the external gateway serves external hosts, which DNS outside the cluster resolves.
     */
    public static String targetHost(GatewayConfig gateways, NetworkConfig network) {
        GatewayConfig.Gateway local = gateways.local();
        GatewayConfig.NamespacedName service = local.service().orElse(local.gateway());
        return service.name() + "." + service.namespace() + "." + network.clusterLocalDomain();
    }
}
