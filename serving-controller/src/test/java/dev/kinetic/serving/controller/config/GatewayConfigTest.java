package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.serving.controller.config.GatewayConfig.Gateway;
import dev.kinetic.serving.controller.config.GatewayConfig.NamespacedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config-gateway} reads net-gateway-api's gateway lists, with Kinetic's gateways as defaults. */
class GatewayConfigTest {
    private static final Gateway DEFAULT_EXTERNAL =
            gateway("kinetic", "kinetic-system/kinetic-gateway", "kinetic-system/kinetic-gateway");
    private static final Gateway DEFAULT_LOCAL =
            gateway("kinetic", "kinetic-system/kinetic-local-gateway", "kinetic-system/kinetic-local-gateway");

    static Stream<Arguments> parses() {
        return Stream.of(
                argumentSet("empty ConfigMap", Map.of(), DEFAULT_EXTERNAL, DEFAULT_LOCAL),
                argumentSet(
                        "net-gateway-api's example for Istio",
                        Map.of("external-gateways", """
                                - class: istio
                                  gateway: istio-system/knative-gateway
                                  service: istio-system/istio-ingressgateway
                                  supported-features:
                                  - HTTPRouteRequestTimeout
                                """, "local-gateways", """
                                - class: istio
                                  gateway: istio-system/knative-local-gateway
                                  service: istio-system/knative-local-gateway
                                """),
                        new Gateway(
                                "istio",
                                new NamespacedName("istio-system", "knative-gateway"),
                                Optional.of(new NamespacedName("istio-system", "istio-ingressgateway")),
                                List.of("HTTPRouteRequestTimeout")),
                        gateway("istio", "istio-system/knative-local-gateway", "istio-system/knative-local-gateway")),
                argumentSet(
                        "only local set: external keeps its default",
                        Map.of("local-gateways", "- {class: eg, gateway: eg/local, service: eg/envoy-local}"),
                        DEFAULT_EXTERNAL,
                        gateway("eg", "eg/local", "eg/envoy-local")),
                argumentSet(
                        "service is optional",
                        Map.of("external-gateways", "- class: eg\n  gateway: eg/external\n"),
                        new Gateway("eg", new NamespacedName("eg", "external"), Optional.empty(), List.of()),
                        DEFAULT_LOCAL));
    }

    private static Gateway gateway(String gatewayClass, String gateway, String service) {
        return new Gateway(
                gatewayClass, NamespacedName.parse(gateway), Optional.of(NamespacedName.parse(service)), List.of());
    }

    @ParameterizedTest
    @MethodSource
    void parses(Map<String, String> data, Gateway external, Gateway local) {
        GatewayConfig.Parsed parsed = GatewayConfig.fromMap(data);
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config()).isEqualTo(new GatewayConfig(external, local));
    }

    static Stream<Arguments> reportsBadKeys() {
        return Stream.of(
                argumentSet(
                        "not a list",
                        Map.of("external-gateways", "class: istio\ngateway: a/b\n"),
                        List.of("external-gateways")),
                argumentSet("empty list", Map.of("external-gateways", "[]"), List.of("external-gateways")),
                argumentSet(
                        "two gateways",
                        Map.of("local-gateways", "- {class: a, gateway: a/b}\n- {class: c, gateway: c/d}\n"),
                        List.of("local-gateways")),
                argumentSet(
                        "missing class", Map.of("external-gateways", "- gateway: a/b\n"), List.of("external-gateways")),
                argumentSet(
                        "gateway without a namespace",
                        Map.of("external-gateways", "- {class: a, gateway: knative-gateway}"),
                        List.of("external-gateways")),
                argumentSet(
                        "service with too many slashes",
                        Map.of("external-gateways", "- {class: a, gateway: a/b, service: a/b/c}"),
                        List.of("external-gateways")),
                argumentSet(
                        "unknown field",
                        Map.of("external-gateways", "- {class: a, gateway: a/b, gatway: a/b}"),
                        List.of("external-gateways")),
                argumentSet(
                        "supported-features not a list",
                        Map.of("external-gateways", "- {class: a, gateway: a/b, supported-features: x}"),
                        List.of("external-gateways")),
                argumentSet("not YAML", Map.of("external-gateways", "- class: [istio"), List.of("external-gateways")),
                argumentSet(
                        "both keys bad",
                        Map.of("external-gateways", "x", "local-gateways", "y"),
                        List.of("external-gateways", "local-gateways")));
    }

    @ParameterizedTest
    @MethodSource
    void reportsBadKeys(Map<String, String> data, List<String> paths) {
        GatewayConfig.Parsed parsed = GatewayConfig.fromMap(data);
        assertThat(parsed.errors().paths()).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(parsed.config()).isEqualTo(GatewayConfig.defaults());
    }
}
