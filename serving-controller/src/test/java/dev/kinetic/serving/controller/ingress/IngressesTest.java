package dev.kinetic.serving.controller.ingress;

import static dev.kinetic.serving.controller.ingress.TestTraffic.EXAMPLE_COM;
import static dev.kinetic.serving.controller.ingress.TestTraffic.externalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.resolve;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.latest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ingress-class} picks the objects and the readiness rule. */
class IngressesTest {
    private static final GatewayConfig GATEWAYS = GatewayConfig.defaults();

    @Test
    void gatewayApiByDefault() {
        NetworkConfig network = NetworkConfig.defaults();
        Route route = externalRoute();
        ResolvedTraffic traffic = resolve(route, EXAMPLE_COM, network, latest(100));

        Ingresses ingresses = Ingresses.forClass(network, GATEWAYS);

        assertThat(ingresses).isInstanceOf(Ingresses.GatewayApi.class);
        assertThat(ingresses.desired(route, traffic))
                .isEqualTo(HttpRoutes.makeHttpRoutes(route, traffic, network, GATEWAYS));
        assertThat(ingresses.placeholder(route).getSpec().getExternalName())
                .isEqualTo("kinetic-local-gateway.kinetic-system.svc.cluster.local");
    }

    @Test
    void istioWhenConfigured() {
        NetworkConfig network = NetworkConfig.fromMap(Map.of("ingress-class", "istio.ingress.networking.knative.dev"))
                .config();
        Route route = externalRoute();
        ResolvedTraffic traffic = resolve(route, EXAMPLE_COM, network, latest(100));

        Ingresses ingresses = Ingresses.forClass(network, GATEWAYS);

        assertThat(ingresses).isInstanceOf(Ingresses.Istio.class);
        assertThat(ingresses.desired(route, traffic))
                .isEqualTo(List.of(VirtualServices.makeVirtualService(route, traffic, network, GATEWAYS)));
    }

    @Test
    void readinessIgnoresObjectsOfTheOtherClass() {
        NetworkConfig network = NetworkConfig.defaults();
        Route route = externalRoute();
        ResolvedTraffic traffic = resolve(route, EXAMPLE_COM, network, latest(100));
        GenericKubernetesResource vs = VirtualServices.makeVirtualService(route, traffic, network, GATEWAYS);
        List<HTTPRoute> httpRoutes = HttpRoutes.makeHttpRoutes(route, traffic, network, GATEWAYS);

        Ingresses gatewayApi = new Ingresses.GatewayApi(network, GATEWAYS);
        Ingresses istio = new Ingresses.Istio(network, GATEWAYS);

        assertThat(gatewayApi.readiness(List.<HasMetadata>of(vs)).state()).isEqualTo(IngressStatus.State.NOT_READY);
        assertThat(istio.readiness(List.<HasMetadata>copyOf(httpRoutes)).state())
                .isEqualTo(IngressStatus.State.NOT_READY);
        assertThat(istio.readiness(List.<HasMetadata>of(vs))).isEqualTo(IngressStatus.Readiness.READY);
    }
}
