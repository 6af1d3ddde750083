package dev.kinetic.testsupport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.testsupport.app.SampleApp;
import dev.kinetic.testsupport.gateway.GatewayClient.Response;
import dev.kinetic.testsupport.kube.WithKineticApi;
import dev.kinetic.testsupport.kubelet.ContainerRuntimes;
import dev.kinetic.testsupport.kubelet.FakeKubelet;
import dev.kinetic.testsupport.kubelet.KubeletFixtures;
import dev.kinetic.testsupport.kubelet.SampleAppRuntime;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test gateway against the Kubernetes test server, in front of sample apps, over real sockets. */
@WithKineticApi
class TestGatewayTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private GatewayClient http;

    TestGatewayTest(KubernetesClient client) {
        this.client = client;
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private void start(String ns) {
        TestGateway gateway =
                TestGateway.start(client, TestGateway.Options.defaults().inNamespace(ns));
        closing.add(gateway);
        http = new GatewayClient(gateway);
        closing.add(http);
    }

    private SampleApp app() {
        SampleApp app = SampleApp.start();
        closing.add(app);
        return app;
    }

    @Test
    void routesByHostAndMarksTheRouteAccepted() {
        String ns = "hosts";
        start(ns);
        SampleApp app = app();
        backend(ns, "hello", app);
        HTTPRoute created = client.resource(route(
                        ns,
                        "hello",
                        List.of("hello.hosts.example.com", "*.wild.example.com"),
                        backendRef("hello", 100)))
                .create();

        assertThat(awaitGet("hello.hosts.example.com:8080", "/").body()).isEqualTo("hello");
        assertThat(http.get("a.b.wild.example.com", "/").body()).isEqualTo("hello");
        assertThat(app.served()).isEqualTo(2);
        Response wildcardNeedsALabel = http.get("wild.example.com", "/");
        assertThat(wildcardNeedsALabel.status()).isEqualTo(404);
        assertThat(wildcardNeedsALabel.body()).contains("no HTTPRoute matches host \"wild.example.com\"");
        assertThat(http.get("nobody.example.com", "/").status()).isEqualTo(404);

        RouteParentStatus parent = awaitParentStatus(ns, "hello", 1);
        assertThat(parent.getControllerName()).isEqualTo(TestGateway.CONTROLLER_NAME);
        assertThat(parent.getParentRef())
                .isEqualTo(created.getSpec().getParentRefs().get(0));
        assertThat(parent.getConditions())
                .extracting(Condition::getType, Condition::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Accepted", "True"),
                        org.assertj.core.groups.Tuple.tuple("ResolvedRefs", "True"));

        // A new generation is accepted anew, and its hostnames served.
        client.resources(HTTPRoute.class).inNamespace(ns).withName("hello").edit(r -> {
            r.getSpec().setHostnames(List.of("hello.hosts.example.com", "hello.hosts.svc.cluster.local"));
            return r;
        });
        awaitParentStatus(ns, "hello", 2);
        assertThat(awaitGet("hello.hosts.svc.cluster.local", "/").body()).isEqualTo("hello");
    }

    @Test
    void backendsAreDrawnByWeight() {
        String ns = "weights";
        start(ns);
        SampleApp blue = app();
        SampleApp green = app();
        backend(ns, "blue", blue);
        backend(ns, "green", green);
        client.resource(route(
                        ns, "split", List.of("split.example.com"), backendRef("blue", 100), backendRef("green", 0)))
                .create();
        awaitGet("split.example.com", "/");
        for (int i = 0; i < 29; i++) {
            assertThat(http.get("split.example.com", "/").status()).isEqualTo(200);
        }
        assertThat(blue.served()).isEqualTo(30);
        assertThat(green.served()).isZero();

        client.resources(HTTPRoute.class).inNamespace(ns).withName("split").edit(r -> {
            r.getSpec().getRules().get(0).getBackendRefs().forEach(b -> b.setWeight(50));
            return r;
        });
        awaitParentStatus(ns, "split", 2);
        blue.resetCounters();
        for (int i = 0; i < 200; i++) {
            http.get("split.example.com", "/");
        }
        // Binomial(200, 1/2): outside [60, 140] about once in 10^8 runs.
        assertThat(blue.served()).isBetween(60L, 140L);
        assertThat(blue.served() + green.served()).isEqualTo(200);
    }

    @Test
    void headerModifiersReachTheApp() {
        String ns = "headers";
        start(ns);
        SampleApp app = app();
        backend(ns, "hello-00001", app);
        // What the serving controller writes per backend, plus rule filters of every kind.
        HTTPBackendRef ref = new HTTPBackendRefBuilder(backendRef("hello-00001", 100))
                .withFilters(requestHeaders(
                        List.of(
                                new HTTPHeader("Knative-Serving-Revision", "hello-00001"),
                                new HTTPHeader("Knative-Serving-Namespace", ns)),
                        List.of(),
                        List.of()))
                .build();
        HTTPRoute route = route(ns, "hello", List.of("hello.headers.example.com"), ref);
        route.getSpec()
                .getRules()
                .get(0)
                .setFilters(List.of(
                        requestHeaders(List.of(), List.of(new HTTPHeader("X-Added", "by-rule")), List.of("X-Secret")),
                        new HTTPRouteFilterBuilder()
                                .withType("ResponseHeaderModifier")
                                .withNewResponseHeaderModifier()
                                .withSet(new HTTPHeader("X-Served-By", "test-gateway"))
                                .endResponseHeaderModifier()
                                .build()));
        client.resource(route).create();
        awaitGet("hello.headers.example.com", "/");

        Response r = http.send(
                HttpMethod.GET,
                "hello.headers.example.com",
                "/headers?x=1",
                Map.of("X-Secret", "s3cret", "Knative-Serving-Revision", "spoofed", "Keep-Alive", "timeout=5"),
                null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("X-Served-By")).isEqualTo("test-gateway");
        JsonObject seen = r.json();
        assertThat(seen.getString("knative-serving-revision")).isEqualTo("hello-00001");
        assertThat(seen.getString("knative-serving-namespace")).isEqualTo(ns);
        assertThat(seen.getString("x-added")).isEqualTo("by-rule");
        assertThat(seen.getString("host")).isEqualTo("hello.headers.example.com");
        assertThat(seen.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(seen.getString("x-forwarded-proto")).isEqualTo("http");
        assertThat(seen.containsKey("x-secret")).isFalse();
        assertThat(seen.containsKey("keep-alive")).as("hop-by-hop").isFalse();
    }

    @Test
    void pathMatchesPickTheRuleAndBodiesStreamBothWays() {
        String ns = "paths";
        start(ns);
        SampleApp api = app();
        SampleApp web = app();
        backend(ns, "api", api);
        backend(ns, "web", web);
        HTTPRoute route = route(ns, "site", List.of("site.example.com"), backendRef("web", 1));
        route.getSpec()
                .getRules()
                .add(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder()
                        .addNewMatch()
                        .withNewPath()
                        .withType("PathPrefix")
                        .withValue("/echo")
                        .endPath()
                        .endMatch()
                        .withBackendRefs(backendRef("api", 1))
                        .build());
        client.resource(route).create();
        awaitGet("site.example.com", "/");

        String body = "x".repeat(200_000);
        Response echoed = http.send(HttpMethod.POST, "site.example.com", "/echo", Map.of(), Buffer.buffer(body));
        assertThat(echoed.status()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(body);
        assertThat(api.served()).isEqualTo(1);
        assertThat(http.get("site.example.com", "/echoes").body())
                .as("not on a segment boundary")
                .isEqualTo("hello");
        assertThat(web.served()).isEqualTo(2);
        Response streamed = http.get("site.example.com", "/stream?chunks=3&interval=10");
        assertThat(streamed.body().lines()).containsExactly("chunk 0", "chunk 1", "chunk 2");
    }

    @Test
    void noReadyEndpointIs503AndANewSliceTakesEffectAtOnce() {
        String ns = "switch";
        start(ns);
        SampleApp first = app();
        SampleApp second = app();
        client.resource(service(ns, "rev")).create();
        client.resource(slice(ns, "rev", "rev-pods", false, first)).create();
        client.resource(route(ns, "r", List.of("r.example.com"), backendRef("rev", 100)))
                .create();

        Response none = await().atMost(LONG).until(() -> http.get("r.example.com", "/"), r -> r.status() == 503);
        assertThat(none.body()).contains("no ready endpoint for Service switch/rev port 80");

        client.resource(slice(ns, "rev", "rev-pods", true, first)).update();
        awaitGet("r.example.com", "/");
        assertThat(first.served()).isEqualTo(1);

        client.resource(slice(ns, "rev", "rev-pods", true, second)).update();
        await().atMost(LONG).until(() -> http.get("r.example.com", "/").status() == 200 && second.served() > 0);
        long before = first.served();
        http.get("r.example.com", "/");
        assertThat(first.served()).as("the old endpoint gets nothing more").isEqualTo(before);

        // Two slices of one Service: requests take turns.
        client.resource(slice(ns, "rev", "rev-more", true, first)).create();
        await().atMost(LONG).until(() -> {
            first.resetCounters();
            second.resetCounters();
            for (int i = 0; i < 4; i++) {
                http.get("r.example.com", "/");
            }
            return first.served() == 2 && second.served() == 2;
        });
    }

    @Test
    void misconfiguredBackendsGet500() {
        String ns = "broken";
        start(ns);
        client.resource(route(ns, "ghost", List.of("ghost.example.com"), backendRef("ghost", 100)))
                .create();
        Response missing = await().atMost(LONG).until(() -> http.get("ghost.example.com", "/"), r -> r.status() != 404);
        assertThat(missing.status()).isEqualTo(500);
        assertThat(missing.body()).contains("backend Service broken/ghost port 80 does not exist");

        client.resource(route(ns, "zero", List.of("zero.example.com"), backendRef("ghost", 0)))
                .create();
        Response zero = await().atMost(LONG).until(() -> http.get("zero.example.com", "/"), r -> r.status() != 404);
        assertThat(zero.status()).isEqualTo(500);
        assertThat(zero.body()).contains("no backend with a weight above 0");
    }

    @Test
    void servesPodsOfTheFakeKubelet() {
        String ns = "pods";
        start(ns);
        SampleAppRuntime apps = new SampleAppRuntime();
        closing.add(apps);
        FakeKubelet kubelet = new FakeKubelet(
                        client,
                        ContainerRuntimes.of().image(KubeletFixtures.SAMPLE_IMAGE, apps),
                        FakeKubelet.Options.defaults().inNamespace(ns).withProbePeriod(Duration.ofMillis(100)))
                .start();
        closing.add(kubelet);
        client.resource(KubeletFixtures.sampleApp(ns, "web", 2)).create();
        client.resource(KubeletFixtures.service(ns, "web", Map.of("app", "web")))
                .create();
        client.resource(route(ns, "web", List.of("web.pods.example.com"), backendRef("web", 100)))
                .create();

        await().atMost(LONG).until(() -> {
            for (int i = 0; i < 4; i++) {
                http.get("web.pods.example.com", "/");
            }
            return apps.apps(ns).size() == 2 && apps.apps(ns).stream().allMatch(a -> a.served() > 0);
        });
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private Response awaitGet(String host, String uri) {
        return await().atMost(LONG).until(() -> http.get(host, uri), r -> r.status() == 200);
    }

    private RouteParentStatus awaitParentStatus(String ns, String name, long generation) {
        return await().atMost(LONG)
                .until(
                        () -> client.resources(HTTPRoute.class)
                                .inNamespace(ns)
                                .withName(name)
                                .get(),
                        r -> r.getStatus() != null
                                && r.getStatus().getParents().size() == 1
                                && r.getStatus().getParents().get(0).getConditions().stream()
                                        .allMatch(c -> c.getObservedGeneration() == generation))
                .getStatus()
                .getParents()
                .get(0);
    }

    /** A selector-less Service {@code http} 80 → 8012 with one slice of ready endpoints at {@code apps}. */
    private void backend(String ns, String name, SampleApp... apps) {
        client.resource(service(ns, name)).create();
        for (SampleApp app : apps) {
            client.resource(slice(ns, name, name + "-" + app.port(), true, app)).create();
        }
    }

    /** A selector-less Service with a revision's public ports: {@code http} 80 → 8012, {@code http2} 81 → 8013. */
    static Service service(String ns, String name) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString(8012))
                .endPort()
                .addNewPort()
                .withName("http2")
                .withPort(81)
                .withTargetPort(new IntOrString(8013))
                .endPort()
                .endSpec()
                .build();
    }

    /** A slice of {@code service} with the app as its one endpoint, the {@code http} port being the app's. */
    private static EndpointSlice slice(String ns, String service, String name, boolean ready, SampleApp app) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .withLabels(Map.of(Backends.SERVICE_NAME_LABEL, service))
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses(app.host())
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .endEndpoint()
                .addNewPort()
                .withName("http")
                .withPort(app.port())
                .endPort()
                .addNewPort()
                .withName("http2")
                .withPort(1)
                .endPort()
                .build();
    }

    private static HTTPRoute route(String ns, String name, List<String> hostnames, HTTPBackendRef... backends) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withGroup("gateway.networking.k8s.io")
                .withKind("Gateway")
                .withNamespace("kinetic-system")
                .withName("kinetic-gateway")
                .endParentRef()
                .withHostnames(hostnames)
                .addNewRule()
                .addNewMatch()
                .withNewPath()
                .withType("PathPrefix")
                .withValue("/")
                .endPath()
                .endMatch()
                .withBackendRefs(backends)
                .endRule()
                .endSpec()
                .build();
    }

    private static HTTPBackendRef backendRef(String service, int weight) {
        return new HTTPBackendRefBuilder()
                .withGroup("")
                .withKind("Service")
                .withName(service)
                .withPort(80)
                .withWeight(weight)
                .build();
    }

    private static HTTPRouteFilter requestHeaders(List<HTTPHeader> set, List<HTTPHeader> add, List<String> remove) {
        return new HTTPRouteFilterBuilder()
                .withType("RequestHeaderModifier")
                .withNewRequestHeaderModifier()
                .withSet(set)
                .withAdd(add)
                .withRemove(remove)
                .endRequestHeaderModifier()
                .build();
    }
}
