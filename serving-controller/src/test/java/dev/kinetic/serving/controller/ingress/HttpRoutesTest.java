package dev.kinetic.serving.controller.ingress;

import static dev.kinetic.serving.controller.ingress.TestTraffic.EXAMPLE_COM;
import static dev.kinetic.serving.controller.ingress.TestTraffic.NO_DOMAIN;
import static dev.kinetic.serving.controller.ingress.TestTraffic.clusterLocalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.externalRoute;
import static dev.kinetic.serving.controller.ingress.TestTraffic.owner;
import static dev.kinetic.serving.controller.ingress.TestTraffic.resolve;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.latest;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.pinned;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.config.DomainConfig;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.Backend;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HTTPRoutes per host and visibility: names, gateways, hostnames, weights and the per-backend header filters. */
class HttpRoutesTest {
    private static final NetworkConfig DEFAULTS = NetworkConfig.defaults();
    private static final NetworkConfig CUSTOM = NetworkConfig.fromMap(Map.of(
                    "domain-template", "{{.Name}}-{{.Namespace}}.{{.Domain}}",
                    "tag-template", "{{.Name}}-{{.Tag}}",
                    "cluster-domain", "corp.local"))
            .config();
    private static final GatewayConfig GATEWAYS = GatewayConfig.defaults();
    private static final GatewayConfig ISTIO_GATEWAYS = GatewayConfig.fromMap(Map.of(
                    "external-gateways",
                    "- {class: istio, gateway: istio-system/public, service: istio-system/istio-ingressgateway}",
                    "local-gateways",
                    "- {class: istio, gateway: istio-system/private, service: istio-system/knative-local-gateway}"))
            .config();

    private static final String EXTERNAL = "kinetic-system/kinetic-gateway";
    private static final String LOCAL = "kinetic-system/kinetic-local-gateway";

    /** What one HTTPRoute must look like, apart from what every HTTPRoute shares. */
    record Expected(String name, String gateway, List<String> hostnames, Map<String, Integer> weights) {}

    private static Map<String, Integer> weights(Object... revisionThenWeight) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (int i = 0; i < revisionThenWeight.length; i += 2) {
            weights.put((String) revisionThenWeight[i], (Integer) revisionThenWeight[i + 1]);
        }
        return weights;
    }

    private static List<String> local(String shortHost) {
        return List.of(shortHost, shortHost + ".svc", shortHost + ".svc.cluster.local");
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                argumentSet(
                        "external route: local names on the local gateway, external host on the external one",
                        externalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(latest(100)),
                        List.of(
                                new Expected(
                                        "hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("hello.default"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "hello.default.example.com",
                                        EXTERNAL,
                                        List.of("hello.default.example.com"),
                                        weights("hello-00002", 100)))),
                argumentSet(
                        "cluster-local route: local gateway only",
                        clusterLocalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(latest(100)),
                        List.of(new Expected(
                                "hello.default.svc.cluster.local",
                                LOCAL,
                                local("hello.default"),
                                weights("hello-00002", 100)))),
                argumentSet(
                        "no domain configured: the host is cluster-local, local gateway only",
                        externalRoute(),
                        NO_DOMAIN,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(latest(100)),
                        List.of(new Expected(
                                "hello.default.svc.cluster.local",
                                LOCAL,
                                local("hello.default"),
                                weights("hello-00002", 100)))),
                argumentSet(
                        "50/50 split: both revisions weighted 50 on both gateways",
                        externalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(pinned("hello-00001", 50), latest(50)),
                        List.of(
                                new Expected(
                                        "hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("hello.default"),
                                        weights("hello-00001", 50, "hello-00002", 50)),
                                new Expected(
                                        "hello.default.example.com",
                                        EXTERNAL,
                                        List.of("hello.default.example.com"),
                                        weights("hello-00001", 50, "hello-00002", 50)))),
                argumentSet(
                        "0% tag: left out of the route's host, 100% on its own host",
                        externalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(tagged("v1", pinned("hello-00001", 0)), latest(100)),
                        List.of(
                                new Expected(
                                        "hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("hello.default"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "hello.default.example.com",
                                        EXTERNAL,
                                        List.of("hello.default.example.com"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "v1-hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("v1-hello.default"),
                                        weights("hello-00001", 100)),
                                new Expected(
                                        "v1-hello.default.example.com",
                                        EXTERNAL,
                                        List.of("v1-hello.default.example.com"),
                                        weights("hello-00001", 100)))),
                argumentSet(
                        "two tags splitting the route's host",
                        externalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(tagged("old", pinned("hello-00001", 30)), tagged("new", latest(70))),
                        List.of(
                                new Expected(
                                        "hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("hello.default"),
                                        weights("hello-00001", 30, "hello-00002", 70)),
                                new Expected(
                                        "hello.default.example.com",
                                        EXTERNAL,
                                        List.of("hello.default.example.com"),
                                        weights("hello-00001", 30, "hello-00002", 70)),
                                new Expected(
                                        "old-hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("old-hello.default"),
                                        weights("hello-00001", 100)),
                                new Expected(
                                        "old-hello.default.example.com",
                                        EXTERNAL,
                                        List.of("old-hello.default.example.com"),
                                        weights("hello-00001", 100)),
                                new Expected(
                                        "new-hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("new-hello.default"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "new-hello.default.example.com",
                                        EXTERNAL,
                                        List.of("new-hello.default.example.com"),
                                        weights("hello-00002", 100)))),
                argumentSet(
                        "cluster-local route with a tag: tag names are local too",
                        clusterLocalRoute(),
                        EXAMPLE_COM,
                        DEFAULTS,
                        GATEWAYS,
                        List.of(tagged("v1", pinned("hello-00001", 0)), latest(100)),
                        List.of(
                                new Expected(
                                        "hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("hello.default"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "v1-hello.default.svc.cluster.local",
                                        LOCAL,
                                        local("v1-hello.default"),
                                        weights("hello-00001", 100)))),
                argumentSet(
                        "custom domain and tag templates, cluster domain and gateways",
                        externalRoute(),
                        EXAMPLE_COM,
                        CUSTOM,
                        ISTIO_GATEWAYS,
                        List.of(tagged("v1", latest(100))),
                        List.of(
                                new Expected(
                                        "hello.default.svc.corp.local",
                                        "istio-system/private",
                                        List.of("hello.default", "hello.default.svc", "hello.default.svc.corp.local"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "hello-default.example.com",
                                        "istio-system/public",
                                        List.of("hello-default.example.com"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "hello-v1.default.svc.corp.local",
                                        "istio-system/private",
                                        List.of(
                                                "hello-v1.default",
                                                "hello-v1.default.svc",
                                                "hello-v1.default.svc.corp.local"),
                                        weights("hello-00002", 100)),
                                new Expected(
                                        "hello-v1-default.example.com",
                                        "istio-system/public",
                                        List.of("hello-v1-default.example.com"),
                                        weights("hello-00002", 100)))));
    }

    @ParameterizedTest
    @MethodSource("routes")
    void makesOneHttpRoutePerHostAndVisibility(
            Route route,
            DomainConfig domains,
            NetworkConfig network,
            GatewayConfig gateways,
            List<TrafficTarget> targets,
            List<Expected> expected) {
        ResolvedTraffic traffic = resolve(route, domains, network, targets.toArray(TrafficTarget[]::new));

        List<HTTPRoute> routes = HttpRoutes.makeHttpRoutes(route, traffic, network, gateways);

        assertThat(routes).map(HttpRoutesTest::summary).containsExactlyElementsOf(expected);
        for (HTTPRoute r : routes) {
            boolean local = r.getSpec()
                    .getParentRefs()
                    .get(0)
                    .getName()
                    .equals(gateways.local().gateway().name());
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("serving.knative.dev/route", "hello");
            labels.put("serving.knative.dev/routeNamespace", "default");
            if (local) {
                labels.put("networking.knative.dev/visibility", "cluster-local");
            }
            assertThat(r.getMetadata().getLabels())
                    .as(r.getMetadata().getName())
                    .isEqualTo(labels);
            assertThat(r.getMetadata().getNamespace()).isEqualTo("default");
            assertThat(r.getMetadata().getOwnerReferences()).containsExactly(owner());
            assertThat(r.getSpec().getRules()).hasSize(1);
            assertThat(r.getSpec().getRules().get(0).getTimeouts()).isNull();
            for (HTTPBackendRef ref : r.getSpec().getRules().get(0).getBackendRefs()) {
                assertThat(ref.getFilters()).containsExactly(headers(ref.getName()));
            }
        }
    }

    @Test
    void wholeHttpRouteOfAnExternalRoute() {
        Route route = externalRoute();
        ResolvedTraffic traffic = resolve(route, EXAMPLE_COM, DEFAULTS, pinned("hello-00001", 50), latest(50));

        HTTPRoute external =
                HttpRoutes.makeHttpRoutes(route, traffic, DEFAULTS, GATEWAYS).get(1);

        assertThat(external)
                .isEqualTo(new HTTPRouteBuilder()
                        .withApiVersion("gateway.networking.k8s.io/v1")
                        .withKind("HTTPRoute")
                        .withNewMetadata()
                        .withName("hello.default.example.com")
                        .withNamespace("default")
                        .withLabels(Map.of(
                                "serving.knative.dev/route", "hello", "serving.knative.dev/routeNamespace", "default"))
                        .withOwnerReferences(owner())
                        .endMetadata()
                        .withNewSpec()
                        .withParentRefs(new ParentReferenceBuilder()
                                .withGroup("gateway.networking.k8s.io")
                                .withKind("Gateway")
                                .withNamespace("kinetic-system")
                                .withName("kinetic-gateway")
                                .build())
                        .withHostnames("hello.default.example.com")
                        .addNewRule()
                        .withMatches(new HTTPRouteMatchBuilder()
                                .withNewPath()
                                .withType("PathPrefix")
                                .withValue("/")
                                .endPath()
                                .build())
                        .withBackendRefs(backend("hello-00001", 50), backend("hello-00002", 50))
                        .endRule()
                        .endSpec()
                        .build());
    }

    @Test
    void hostWithoutBackendsGetsNoHttpRoute() {
        Route route = externalRoute();
        ResolvedTraffic resolved = resolve(route, EXAMPLE_COM, DEFAULTS, latest(100));
        Map<String, List<Backend>> backends = new LinkedHashMap<>(resolved.backends());
        backends.put("v1-hello.default.example.com", List.of());
        ResolvedTraffic traffic = new ResolvedTraffic(
                resolved.url(),
                resolved.address(),
                resolved.statusTraffic(),
                resolved.host(),
                backends,
                resolved.routedRevisions());

        assertThat(HttpRoutes.makeHttpRoutes(route, traffic, DEFAULTS, GATEWAYS))
                .map(r -> r.getMetadata().getName())
                .containsExactly("hello.default.svc.cluster.local", "hello.default.example.com");
    }

    @Test
    void hostOfNoTagIsRejected() {
        Route route = externalRoute();
        ResolvedTraffic resolved = resolve(route, EXAMPLE_COM, DEFAULTS, latest(100));
        Map<String, List<Backend>> backends = new LinkedHashMap<>(resolved.backends());
        backends.put("stray.default.example.com", List.of(new Backend("hello-00001", 100)));
        ResolvedTraffic traffic = new ResolvedTraffic(
                resolved.url(),
                resolved.address(),
                resolved.statusTraffic(),
                resolved.host(),
                backends,
                resolved.routedRevisions());

        assertThatThrownBy(() -> HttpRoutes.makeHttpRoutes(route, traffic, DEFAULTS, GATEWAYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stray.default.example.com");
    }

    private static Expected summary(HTTPRoute r) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        r.getSpec().getRules().get(0).getBackendRefs().forEach(b -> weights.put(b.getName(), b.getWeight()));
        var parent = r.getSpec().getParentRefs();
        assertThat(parent).hasSize(1);
        return new Expected(
                r.getMetadata().getName(),
                parent.get(0).getNamespace() + "/" + parent.get(0).getName(),
                r.getSpec().getHostnames(),
                weights);
    }

    static HTTPBackendRef backend(String revision, int weight) {
        return new HTTPBackendRefBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(revision)
                .withPort(80)
                .withWeight(weight)
                .withFilters(headers(revision))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter headers(String revision) {
        return new HTTPRouteFilterBuilder()
                .withType("RequestHeaderModifier")
                .withNewRequestHeaderModifier()
                .withSet(
                        new HTTPHeaderBuilder()
                                .withName("Knative-Serving-Revision")
                                .withValue(revision)
                                .build(),
                        new HTTPHeaderBuilder()
                                .withName("Knative-Serving-Namespace")
                                .withValue("default")
                                .build())
                .endRequestHeaderModifier()
                .build();
    }
}
