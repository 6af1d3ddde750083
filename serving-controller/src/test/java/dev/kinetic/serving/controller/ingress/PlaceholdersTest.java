package dev.kinetic.serving.controller.ingress;

import static dev.kinetic.serving.controller.ingress.TestTraffic.clusterLocalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.externalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ExternalName Service giving a Route its in-cluster address. */
class PlaceholdersTest {

    @Test
    void externalNameServiceOwnedByTheRoute() {
        Service s = Placeholders.makeExternalNameService(
                externalRoute(), "kinetic-local-gateway.kinetic-system.svc.cluster.local");

        assertThat(s)
                .isEqualTo(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("hello")
                        .withNamespace("default")
                        .withLabels(Map.of("serving.knative.dev/route", "hello"))
                        .withOwnerReferences(owner())
                        .endMetadata()
                        .withNewSpec()
                        .withType("ExternalName")
                        .withExternalName("kinetic-local-gateway.kinetic-system.svc.cluster.local")
                        .withSessionAffinity("None")
                        .withPorts(new ServicePortBuilder()
                                .withName("http")
                                .withProtocol("TCP")
                                .withPort(80)
                                .withTargetPort(new IntOrString(80))
                                .build())
                        .endSpec()
                        .build());
    }

    @Test
    void clusterLocalRouteGetsTheSameShape() {
        Service s = Placeholders.makeExternalNameService(clusterLocalRoute(), "gw.ns.svc.cluster.local");

        assertThat(s.getMetadata().getName()).isEqualTo("hello");
        assertThat(s.getMetadata().getLabels()).isEqualTo(Map.of("serving.knative.dev/route", "hello"));
        assertThat(s.getSpec().getExternalName()).isEqualTo("gw.ns.svc.cluster.local");
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                argumentSet(
                        "defaults: the local gateway's Service",
                        Map.of(),
                        Map.of(),
                        "kinetic-local-gateway.kinetic-system.svc.cluster.local"),
                argumentSet(
                        "configured Service and cluster domain",
                        Map.of(
                                "local-gateways",
                                "- {class: istio, gateway: istio-system/private, service: istio-system/local-gw}"),
                        Map.of("cluster-domain", "corp.local"),
                        "local-gw.istio-system.svc.corp.local"),
                argumentSet(
                        "no Service configured: named like the Gateway",
                        Map.of("local-gateways", "- {class: istio, gateway: istio-system/private}"),
                        Map.of(),
                        "private.istio-system.svc.cluster.local"));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void targetHostIsTheLocalGatewayService(Map<String, String> gateways, Map<String, String> network, String host) {
        assertThat(Placeholders.targetHost(
                        GatewayConfig.fromMap(gateways).config(),
                        NetworkConfig.fromMap(network).config()))
                .isEqualTo(host);
    }
}
