package dev.kinetic.serving.controller.route;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.RouteStatus;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.ConfigSnapshot;
import dev.kinetic.serving.controller.config.DomainConfig;
import dev.kinetic.serving.controller.config.GcConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.testing.ControllerTestServer;
import dev.kinetic.serving.controller.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Knative's serving conformance scenarios that need no real pods, end to end through every reconciler on the
 * Kubernetes test server: a test plays the Deployment controller, the kubelet and the Gateway API implementation.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ControllerTestServer.class)
class ServingConformanceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    private TestCluster cluster() {
        return new TestCluster(client);
    }

    @Inject
    ConfigSnapshot config;

    @BeforeEach
    void exampleDomain() {
        ConfigSnapshot.RouteConfig shipped = ConfigSnapshot.RouteConfig.shipped();
        config.setRoute(new ConfigSnapshot.RouteConfig(
                shipped.network(),
                DomainConfig.fromMap(Map.of("example.com", "")).config(),
                shipped.gateway()));
    }

    private <T extends HasMetadata> T create(T resource) {
        return new TestCluster(client).create(resource);
    }

    private void revisionBecomesReady(String ns, String revision) {
        new TestCluster(client).revisionBecomesReady(ns, revision);
    }

    private Route awaitRoute(String ns, String name, Predicate<RouteStatus> condition) {
        return cluster().awaitUntil(Route.class, ns, name, r -> r.getStatus() != null && condition.test(r.getStatus()));
    }

    private List<HTTPRoute> httpRoutes(String ns) {
        return client.resources(HTTPRoute.class).inNamespace(ns).list().getItems();
    }

    private HTTPRoute httpRouteFor(String ns, String host) {
        return await().atMost(WAIT)
                .until(
                        () -> httpRoutes(ns).stream()
                                .filter(h -> h.getSpec().getHostnames().contains(host))
                                .findFirst()
                                .orElse(null),
                        h -> h != null);
    }

    private static Map<String, Integer> weights(HTTPRoute route) {
        return route.getSpec().getRules().get(0).getBackendRefs().stream()
                .collect(java.util.stream.Collectors.toMap(HTTPBackendRef::getName, HTTPBackendRef::getWeight));
    }

    /** What a Gateway API implementation reports once it has programmed an HTTPRoute. */
    private void acceptAll(String ns) {
        for (HTTPRoute h : httpRoutes(ns)) {
            List<Condition> conditions = List.of(
                    new ConditionBuilder()
                            .withType("Accepted")
                            .withStatus("True")
                            .withReason("Accepted")
                            .build(),
                    new ConditionBuilder()
                            .withType("ResolvedRefs")
                            .withStatus("True")
                            .withReason("ResolvedRefs")
                            .build());
            h.setStatus(new HTTPRouteStatusBuilder()
                    .withParents(new RouteParentStatusBuilder()
                            .withParentRef(h.getSpec().getParentRefs().get(0))
                            .withControllerName("example.com/gateway-controller")
                            .withConditions(conditions)
                            .build())
                    .build());
            client.resource(h).update();
        }
    }

    @Test
    void helloWorldServiceBecomesReadyEndToEnd() {
        String ns = "e2e";
        create(service(ns, "hello"));
        revisionBecomesReady(ns, "hello-00001");

        Route route = awaitRoute(ns, "hello", s -> s.condition(RouteStatus.ALL_TRAFFIC_ASSIGNED)
                .map(c -> c.isTrue())
                .orElse(false));
        assertThat(route.getStatus().getUrl()).isEqualTo("http://hello.e2e.example.com");
        assertThat(route.getStatus().getAddress().getUrl()).isEqualTo("http://hello.e2e.svc.cluster.local");
        assertThat(route.getStatus().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getRevisionName()).isEqualTo("hello-00001");
            assertThat(t.getPercent()).isEqualTo(100);
            assertThat(t.getLatestRevision()).isTrue();
        });
        HTTPRoute external = httpRouteFor(ns, "hello.e2e.example.com");
        assertThat(weights(external)).containsExactly(Map.entry("hello-00001", 100));
        assertThat(external.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Route");
        assertThat(external.getSpec()
                        .getRules()
                        .get(0)
                        .getBackendRefs()
                        .get(0)
                        .getFilters()
                        .get(0)
                        .getRequestHeaderModifier()
                        .getSet())
                .extracting(h -> h.getName() + "=" + h.getValue())
                .containsExactlyInAnyOrder("Knative-Serving-Revision=hello-00001", "Knative-Serving-Namespace=e2e");
        cluster().awaitUntil(Revision.class, ns, "hello-00001", r -> "active"
                .equals(r.getMetadata().getLabels().get(Knative.ROUTING_STATE_LABEL)));
        Service svc = cluster()
                .awaitUntil(
                        Service.class,
                        ns,
                        "hello",
                        s -> s.getStatus() != null
                                && "http://hello.e2e.example.com"
                                        .equals(s.getStatus().getUrl()));
        assertThat(svc.getStatus().getLatestReadyRevisionName()).isEqualTo("hello-00001");
        assertThat(svc.getStatus()
                        .condition(dev.kinetic.api.serving.v1.ServiceStatus.CONFIGURATIONS_READY)
                        .orElseThrow()
                        .isTrue())
                .isTrue();
        assertThat(client.services()
                        .inNamespace(ns)
                        .withName("hello")
                        .get()
                        .getSpec()
                        .getType())
                .isEqualTo("ExternalName");

        // The gateway accepts the HTTPRoutes: everything becomes Ready for the current generation.
        acceptAll(ns);
        Service ready = cluster().awaitUntil(Service.class, ns, "hello", Service::isReady);
        assertThat(ready.getStatus().getObservedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
        assertThat(ready.getStatus().getTraffic()).singleElement().satisfies(t -> assertThat(t.getRevisionName())
                .isEqualTo("hello-00001"));
        assertThat(client.resources(Route.class)
                        .inNamespace(ns)
                        .withName("hello")
                        .get()
                        .isReady())
                .isTrue();
        assertThat(client.resources(dev.kinetic.api.serving.v1.Configuration.class)
                        .inNamespace(ns)
                        .withName("hello")
                        .get()
                        .isReady())
                .isTrue();
        assertThat(client.resources(Revision.class)
                        .inNamespace(ns)
                        .withName("hello-00001")
                        .get()
                        .isReady())
                .isTrue();
    }

    @Test
    void configurationAndRouteBecomeReadyEndToEnd() {
        String ns = "ready";
        create(configuration(ns, "web"));
        create(route(ns, "web", withRouteTraffic(configurationTarget("web", 100))));
        revisionBecomesReady(ns, "web-00001");
        httpRouteFor(ns, "web.ready.example.com");
        assertThat(client.services()
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .getSpec()
                        .getType())
                .isEqualTo("ExternalName");
        Route notYet = awaitRoute(ns, "web", s -> s.condition(RouteStatus.ALL_TRAFFIC_ASSIGNED)
                .map(c -> c.isTrue())
                .orElse(false));
        assertThat(notYet.getStatus()
                        .condition(RouteStatus.INGRESS_READY)
                        .orElseThrow()
                        .isTrue())
                .isFalse();

        acceptAll(ns);
        Route ready = cluster().awaitUntil(Route.class, ns, "web", Route::isReady);
        assertThat(ready.getStatus()
                        .condition(RouteStatus.CERTIFICATE_PROVISIONED)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("TLSNotEnabled");
        assertThat(client.resources(dev.kinetic.api.serving.v1.Configuration.class)
                        .inNamespace(ns)
                        .withName("web")
                        .get()
                        .isReady())
                .isTrue();
        assertThat(client.resources(Revision.class)
                        .inNamespace(ns)
                        .withName("web-00001")
                        .get()
                        .isReady())
                .isTrue();
    }

    @Test
    void newImageTakesAllTrafficAndTheOldRevisionIsReleased() {
        String ns = "rollout";
        create(service(ns, "hello"));
        revisionBecomesReady(ns, "hello-00001");
        httpRouteFor(ns, "hello.rollout.example.com");

        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        ServingFixturesBridge.image(current, "example/app:2");
        client.resource(current).update();
        revisionBecomesReady(ns, "hello-00002");

        await().atMost(WAIT)
                .until(
                        () -> weights(httpRouteFor(ns, "hello.rollout.example.com")),
                        w -> w.equals(Map.of("hello-00002", 100)));
        cluster().awaitUntil(Revision.class, ns, "hello-00001", r -> "reserve"
                .equals(r.getMetadata().getLabels().get(Knative.ROUTING_STATE_LABEL)));
    }

    @Test
    void aReleasedRevisionIsCollectedUnderConfigGc() {
        String ns = "gc";
        config.setGc(GcConfig.fromMap(Map.of(
                        "retain-since-create-time", "disabled",
                        "retain-since-last-active-time", "disabled",
                        "min-non-active-revisions", "0",
                        "max-non-active-revisions", "0"))
                .config());
        try {
            create(service(ns, "hello"));
            revisionBecomesReady(ns, "hello-00001");
            httpRouteFor(ns, "hello.gc.example.com");
            Service current = client.resources(Service.class)
                    .inNamespace(ns)
                    .withName("hello")
                    .get();
            ServingFixturesBridge.image(current, "example/app:2");
            client.resource(current).update();
            revisionBecomesReady(ns, "hello-00002");

            await().atMost(WAIT)
                    .until(() -> client.resources(Revision.class)
                                    .inNamespace(ns)
                                    .withName("hello-00001")
                                    .get()
                            == null);
            assertThat(client.resources(Revision.class)
                            .inNamespace(ns)
                            .withName("hello-00002")
                            .get())
                    .isNotNull();
        } finally {
            config.setGc(GcConfig.defaults());
        }
    }

    @Test
    void pinnedTrafficStaysOnTheFirstRevision() {
        String ns = "pinned";
        create(service(ns, "hello"));
        revisionBecomesReady(ns, "hello-00001");
        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        ServingFixturesBridge.image(current, "example/app:2");
        current.getSpec().setTraffic(new java.util.ArrayList<>(List.of(pinned("hello-00001", 100))));
        client.resource(current).update();
        revisionBecomesReady(ns, "hello-00002");

        Route route = awaitRoute(
                ns,
                "hello",
                s -> s.getTraffic() != null
                        && s.getTraffic().size() == 1
                        && "hello-00001".equals(s.getTraffic().get(0).getRevisionName()));
        assertThat(route.getStatus().getTraffic().get(0).getLatestRevision()).isFalse();
        await().atMost(WAIT)
                .until(
                        () -> client.resources(dev.kinetic.api.serving.v1.Configuration.class)
                                .inNamespace(ns)
                                .withName("hello")
                                .get()
                                .getStatus()
                                .getLatestReadyRevisionName(),
                        "hello-00002"::equals);
        assertThat(weights(httpRouteFor(ns, "hello.pinned.example.com")))
                .containsExactly(Map.entry("hello-00001", 100));
    }

    @Test
    void fiftyFiftySplitWithTagsAndTagHosts() {
        String ns = "split";
        create(service(ns, "hello"));
        revisionBecomesReady(ns, "hello-00001");
        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        ServingFixturesBridge.image(current, "example/app:2");
        current.getSpec()
                .setTraffic(new java.util.ArrayList<>(
                        List.of(tagged("current", pinned("hello-00001", 50)), tagged("candidate", latest(50)))));
        Admission.setDefaultsAny(KineticKinds.of(Service.class), current, ApiConfig.defaults());
        client.resource(current).update();
        revisionBecomesReady(ns, "hello-00002");

        Route route = awaitRoute(
                ns,
                "hello",
                s -> s.getTraffic() != null
                        && s.getTraffic().stream().anyMatch(t -> "hello-00002".equals(t.getRevisionName())));
        assertThat(route.getStatus().getTraffic())
                .extracting(
                        TrafficTarget::getTag,
                        TrafficTarget::getRevisionName,
                        TrafficTarget::getPercent,
                        TrafficTarget::getUrl)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "current", "hello-00001", 50L, "http://current-hello.split.example.com"),
                        org.assertj.core.groups.Tuple.tuple(
                                "candidate", "hello-00002", 50L, "http://candidate-hello.split.example.com"));
        assertThat(weights(httpRouteFor(ns, "hello.split.example.com")))
                .containsOnly(Map.entry("hello-00001", 50), Map.entry("hello-00002", 50));
        assertThat(weights(httpRouteFor(ns, "current-hello.split.example.com")))
                .containsExactly(Map.entry("hello-00001", 100));
        assertThat(weights(httpRouteFor(ns, "candidate-hello.split.example.com")))
                .containsExactly(Map.entry("hello-00002", 100));
    }

    @Test
    void clusterLocalRoutesUseTheLocalGatewayOnly() {
        String ns = "local";
        create(service(ns, "hello", withClusterLocal()));
        revisionBecomesReady(ns, "hello-00001");
        Route route = awaitRoute(ns, "hello", s -> s.getUrl() != null);
        assertThat(route.getStatus().getUrl()).isEqualTo("http://hello.local.svc.cluster.local");
        HTTPRoute local = httpRouteFor(ns, "hello.local.svc.cluster.local");
        assertThat(local.getSpec().getParentRefs().get(0).getName())
                .isEqualTo(config.route().gateway().local().gateway().name());
        assertThat(httpRoutes(ns))
                .allSatisfy(h -> assertThat(h.getSpec().getHostnames()).noneMatch(n -> n.endsWith("example.com")));
    }

    @Test
    void byoRevisionNamesAreUsedAndRouted() {
        String ns = "byo";
        create(service(ns, "hello", withRevisionName("hello-first")));
        revisionBecomesReady(ns, "hello-first");
        HTTPRoute external = httpRouteFor(ns, "hello.byo.example.com");
        assertThat(weights(external)).containsExactly(Map.entry("hello-first", 100));

        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        ServingFixturesBridge.image(current, "example/app:2");
        current.getSpec().getTemplate().getMetadata().setName("hello-second");
        client.resource(current).update();
        revisionBecomesReady(ns, "hello-second");
        await().atMost(WAIT)
                .until(
                        () -> weights(httpRouteFor(ns, "hello.byo.example.com")),
                        w -> w.equals(Map.of("hello-second", 100)));
        assertThat(client.resources(Revision.class)
                        .inNamespace(ns)
                        .withName("hello-second")
                        .get()
                        .getMetadata()
                        .getLabels())
                .containsEntry(Knative.CONFIGURATION_GENERATION_LABEL, "2");
    }

    @Test
    void theIstioIngressClassRendersAnEquivalentVirtualService() {
        String ns = "istio";
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(virtualServiceCrd())
                .createOr(c -> c.update());
        ConfigSnapshot.RouteConfig before = config.route();
        config.setRoute(new ConfigSnapshot.RouteConfig(
                NetworkConfig.fromMap(Map.of("ingress-class", NetworkConfig.ISTIO_INGRESS_CLASS))
                        .config(),
                before.domain(),
                before.gateway()));
        try {
            create(configuration(ns, "web"));
            create(route(ns, "web", withRouteTraffic(configurationTarget("web", 100))));
            revisionBecomesReady(ns, "web-00001");
            GenericKubernetesResource vs = await().atMost(WAIT)
                    .until(
                            () -> client.genericKubernetesResources("networking.istio.io/v1beta1", "VirtualService")
                                    .inNamespace(ns)
                                    .withName("web-ingress")
                                    .get(),
                            v -> v != null);
            String spec = dev.kinetic.api.Manifests.toTree(
                            vs.getAdditionalProperties().get("spec"))
                    .toString();
            assertThat(spec)
                    .contains("web.istio.example.com")
                    .contains("web-00001.istio.svc.cluster.local")
                    .contains("\"weight\":100")
                    .contains("Knative-Serving-Revision")
                    .contains("Knative-Serving-Namespace");
            assertThat(vs.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Route");
            assertThat(httpRoutes(ns)).isEmpty();
            awaitRoute(ns, "web", s -> s.condition(RouteStatus.INGRESS_READY)
                    .map(c -> c.isTrue())
                    .orElse(false));
        } finally {
            config.setRoute(before);
        }
    }

    private static io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition virtualServiceCrd() {
        return new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName("virtualservices.networking.istio.io")
                .endMetadata()
                .withNewSpec()
                .withGroup("networking.istio.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind("VirtualService")
                .withPlural("virtualservices")
                .withSingular("virtualservice")
                .endNames()
                .addNewVersion()
                .withName("v1beta1")
                .withServed(true)
                .withStorage(true)
                .withNewSchema()
                .withNewOpenAPIV3Schema()
                .withType("object")
                .withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema()
                .endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    @Test
    void routeToAMissingConfigurationReportsIt() {
        String ns = "missing";
        create(route(ns, "orphan", withRouteTraffic(configurationTarget("nowhere", 100))));
        Route route = awaitRoute(ns, "orphan", s -> s.condition(ConditionSet.READY)
                .map(c -> c.isFalse())
                .orElse(false));
        assertThat(route.getStatus()
                        .condition(RouteStatus.ALL_TRAFFIC_ASSIGNED)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("ConfigurationMissing");
        assertThat(httpRoutes(ns)).isEmpty();
    }

    /** Generic options applied to a Service fetched back from the server. */
    static final class ServingFixturesBridge {
        static void image(Service s, String image) {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            s.setStatus(null);
        }
    }
}
