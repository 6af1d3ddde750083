package dev.kinetic.serving.controller.ingress;

import static dev.kinetic.serving.controller.ingress.TestTraffic.EXAMPLE_COM;
import static dev.kinetic.serving.controller.ingress.TestTraffic.clusterLocalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.externalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.owner;
import static dev.kinetic.serving.controller.ingress.TestTraffic.resolve;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.latest;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.pinned;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Istio VirtualService carries the same hosts, gateways, weights and headers as the HTTPRoutes. */
class VirtualServicesTest {
    private static final NetworkConfig NETWORK = NetworkConfig.fromMap(
                    Map.of("ingress-class", NetworkConfig.ISTIO_INGRESS_CLASS))
            .config();
    private static final GatewayConfig GATEWAYS = GatewayConfig.defaults();
    private static final String EXTERNAL = "kinetic-system/kinetic-gateway";
    private static final String LOCAL = "kinetic-system/kinetic-local-gateway";

    @Test
    void externalRouteWithSplitAndTag() {
        Route route = externalRoute();
        ResolvedTraffic traffic =
                resolve(route, EXAMPLE_COM, NETWORK, tagged("v1", pinned("hello-00001", 50)), latest(50));

        GenericKubernetesResource vs = VirtualServices.makeVirtualService(route, traffic, NETWORK, GATEWAYS);

        assertThat(vs.getApiVersion()).isEqualTo("networking.istio.io/v1beta1");
        assertThat(vs.getKind()).isEqualTo("VirtualService");
        assertThat(vs.getMetadata().getName()).isEqualTo("hello-ingress");
        assertThat(vs.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(vs.getMetadata().getLabels())
                .isEqualTo(
                        Map.of("serving.knative.dev/route", "hello", "serving.knative.dev/routeNamespace", "default"));
        assertThat(vs.getMetadata().getOwnerReferences()).containsExactly(owner());
        assertThat(vs.getAdditionalProperties())
                .isEqualTo(Map.of(
                        "spec",
                        Map.of(
                                "hosts",
                                List.of(
                                        "hello.default",
                                        "hello.default.svc",
                                        "hello.default.svc.cluster.local",
                                        "hello.default.example.com",
                                        "v1-hello.default",
                                        "v1-hello.default.svc",
                                        "v1-hello.default.svc.cluster.local",
                                        "v1-hello.default.example.com"),
                                "gateways",
                                List.of(EXTERNAL, LOCAL, "mesh"),
                                "http",
                                List.of(
                                        http(
                                                List.of(
                                                        "hello.default",
                                                        "hello.default.svc",
                                                        "hello.default.svc.cluster.local"),
                                                List.of(LOCAL, "mesh"),
                                                route("hello-00001", 50),
                                                route("hello-00002", 50)),
                                        http(
                                                List.of("hello.default.example.com"),
                                                List.of(EXTERNAL),
                                                route("hello-00001", 50),
                                                route("hello-00002", 50)),
                                        http(
                                                List.of(
                                                        "v1-hello.default",
                                                        "v1-hello.default.svc",
                                                        "v1-hello.default.svc.cluster.local"),
                                                List.of(LOCAL, "mesh"),
                                                route("hello-00001", 100)),
                                        http(
                                                List.of("v1-hello.default.example.com"),
                                                List.of(EXTERNAL),
                                                route("hello-00001", 100))))));
    }

    @Test
    void clusterLocalRouteUsesTheLocalGatewayAndTheMeshOnly() {
        Route route = clusterLocalRoute();
        ResolvedTraffic traffic = resolve(route, EXAMPLE_COM, NETWORK, latest(100));

        GenericKubernetesResource vs = VirtualServices.makeVirtualService(route, traffic, NETWORK, GATEWAYS);

        assertThat(vs.getMetadata().getLabels()).containsEntry("networking.knative.dev/visibility", "cluster-local");
        assertThat(vs.getAdditionalProperties())
                .isEqualTo(Map.of(
                        "spec",
                        Map.of(
                                "hosts",
                                List.of("hello.default", "hello.default.svc", "hello.default.svc.cluster.local"),
                                "gateways",
                                List.of(LOCAL, "mesh"),
                                "http",
                                List.of(http(
                                        List.of(
                                                "hello.default",
                                                "hello.default.svc",
                                                "hello.default.svc.cluster.local"),
                                        List.of(LOCAL, "mesh"),
                                        route("hello-00002", 100))))));
    }

    private static Map<String, Object> http(List<String> hosts, List<String> gateways, Object... routes) {
        List<Object> matches = new java.util.ArrayList<>();
        for (String host : hosts) {
            matches.add(Map.of("authority", Map.of("exact", host), "gateways", gateways));
            matches.add(Map.of("authority", Map.of("prefix", host + ":"), "gateways", gateways));
        }
        return Map.of("match", matches, "route", List.of(routes));
    }

    private static Map<String, Object> route(String revision, int weight) {
        return Map.of(
                "destination",
                Map.of("host", revision + ".default.svc.cluster.local", "port", Map.of("number", 80)),
                "weight",
                weight,
                "headers",
                Map.of(
                        "request",
                        Map.of(
                                "set",
                                Map.of("Knative-Serving-Revision", revision, "Knative-Serving-Namespace", "default"))));
    }
}
