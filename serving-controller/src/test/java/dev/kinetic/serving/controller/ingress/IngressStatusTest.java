package dev.kinetic.serving.controller.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.v1.RouteStatus;
import dev.kinetic.serving.controller.config.GatewayConfig;
import dev.kinetic.serving.controller.ingress.IngressStatus.Readiness;
import dev.kinetic.serving.controller.ingress.IngressStatus.State;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IngressReady from HTTPRoutes' parent conditions, and from the mere existence of VirtualServices. */
class IngressStatusTest {
    private static final ParentReference OURS =
            HttpRoutes.parentRef(GatewayConfig.defaults().external());
    private static final ParentReference OTHER = new ParentReferenceBuilder()
            .withGroup("gateway.networking.k8s.io")
            .withKind("Gateway")
            .withNamespace("elsewhere")
            .withName("other")
            .build();
    /** What implementations commonly echo: group and kind left to their defaults. */
    private static final ParentReference OURS_SHORT = new ParentReferenceBuilder()
            .withNamespace("kinetic-system")
            .withName("kinetic-gateway")
            .build();

    private static io.fabric8.kubernetes.api.model.Condition cond(
            String type, String status, String reason, String message, long observedGeneration) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(observedGeneration)
                .build();
    }

    private static io.fabric8.kubernetes.api.model.Condition accepted(String status) {
        return cond("Accepted", status, "Accepted", "", 1);
    }

    private static io.fabric8.kubernetes.api.model.Condition resolved(String status) {
        return cond("ResolvedRefs", status, "ResolvedRefs", "", 1);
    }

    private static RouteParentStatus parent(ParentReference ref, io.fabric8.kubernetes.api.model.Condition... cs) {
        return new RouteParentStatusBuilder()
                .withControllerName("example.com/gateway-controller")
                .withParentRef(ref)
                .withConditions(cs)
                .build();
    }

    private static HTTPRoute stored(String name, long generation, RouteParentStatus... parents) {
        HTTPRouteBuilder b = new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withParentRefs(OURS)
                .withHostnames(name)
                .endSpec();
        if (parents.length > 0) {
            b.withNewStatus().withParents(parents).endStatus();
        }
        return b.build();
    }

    private static HTTPRoute ready(String name) {
        return stored(name, 1, parent(OURS, accepted("True"), resolved("True")));
    }

    static Stream<Arguments> httpRoutes() {
        return Stream.of(
                argumentSet(
                        "no HTTPRoute yet",
                        List.of(),
                        new Readiness(State.NOT_READY, "IngressNotConfigured", "No HTTPRoute has been created yet.")),
                argumentSet(
                        "no status yet",
                        List.of(stored("a.example.com", 1)),
                        new Readiness(
                                State.NOT_READY,
                                "IngressNotConfigured",
                                "Waiting for Gateway kinetic-system/kinetic-gateway to accept HTTPRoute a.example.com.")),
                argumentSet("accepted with resolved refs", List.of(ready("a.example.com")), Readiness.READY),
                argumentSet(
                        "every HTTPRoute ready, status naming the parent without group and kind",
                        List.of(
                                ready("a.example.com"),
                                stored("b.example.com", 1, parent(OURS_SHORT, accepted("True"), resolved("True")))),
                        Readiness.READY),
                argumentSet(
                        "one HTTPRoute still without ResolvedRefs",
                        List.of(ready("a.example.com"), stored("b.example.com", 1, parent(OURS, accepted("True")))),
                        new Readiness(
                                State.NOT_READY,
                                "IngressNotConfigured",
                                "Waiting for Gateway kinetic-system/kinetic-gateway to accept HTTPRoute b.example.com.")),
                argumentSet(
                        "ResolvedRefs Unknown",
                        List.of(stored("a.example.com", 1, parent(OURS, accepted("True"), resolved("Unknown")))),
                        new Readiness(
                                State.NOT_READY,
                                "IngressNotConfigured",
                                "Waiting for Gateway kinetic-system/kinetic-gateway to accept HTTPRoute a.example.com.")),
                argumentSet(
                        "status only for another gateway",
                        List.of(stored("a.example.com", 1, parent(OTHER, accepted("True"), resolved("True")))),
                        new Readiness(
                                State.NOT_READY,
                                "IngressNotConfigured",
                                "Waiting for Gateway kinetic-system/kinetic-gateway to accept HTTPRoute a.example.com.")),
                argumentSet(
                        "another gateway's failure is not ours",
                        List.of(stored(
                                "a.example.com",
                                1,
                                parent(OTHER, cond("Accepted", "False", "NotAllowedByListeners", "no", 1)),
                                parent(OURS, accepted("True"), resolved("True")))),
                        Readiness.READY),
                argumentSet(
                        "not accepted: reason and message copied",
                        List.of(
                                ready("a.example.com"),
                                stored(
                                        "b.example.com",
                                        1,
                                        parent(
                                                OURS,
                                                cond(
                                                        "Accepted",
                                                        "False",
                                                        "NotAllowedByListeners",
                                                        "no listener allows namespace default",
                                                        1),
                                                resolved("True")))),
                        new Readiness(
                                State.FAILED,
                                "NotAllowedByListeners",
                                "HTTPRoute b.example.com: no listener allows namespace default")),
                argumentSet(
                        "refs not resolved",
                        List.of(stored(
                                "a.example.com",
                                1,
                                parent(
                                        OURS,
                                        accepted("True"),
                                        cond(
                                                "ResolvedRefs",
                                                "False",
                                                "BackendNotFound",
                                                "service default/hello-00001 not found",
                                                1)))),
                        new Readiness(
                                State.FAILED,
                                "BackendNotFound",
                                "HTTPRoute a.example.com: service default/hello-00001 not found")),
                argumentSet(
                        "Accepted=False reported before ResolvedRefs=False, without reason or message",
                        List.of(stored(
                                "a.example.com",
                                1,
                                parent(
                                        OURS,
                                        cond("Accepted", "False", null, null, 1),
                                        cond("ResolvedRefs", "False", "BackendNotFound", "x", 1)))),
                        new Readiness(State.FAILED, "AcceptedFalse", "HTTPRoute a.example.com is not Accepted.")),
                argumentSet(
                        "conditions of an older generation are ignored",
                        List.of(stored(
                                "a.example.com",
                                2,
                                parent(
                                        OURS,
                                        cond("Accepted", "False", "NotAllowedByListeners", "old", 1),
                                        cond("ResolvedRefs", "True", "ResolvedRefs", "", 1)))),
                        new Readiness(
                                State.NOT_READY,
                                "IngressNotConfigured",
                                "Waiting for Gateway kinetic-system/kinetic-gateway to accept HTTPRoute a.example.com.")),
                argumentSet(
                        "conditions of a newer generation count",
                        List.of(stored(
                                "a.example.com",
                                2,
                                parent(
                                        OURS,
                                        cond("Accepted", "True", "Accepted", "", 3),
                                        cond("ResolvedRefs", "True", "ResolvedRefs", "", 2)))),
                        Readiness.READY));
    }

    @ParameterizedTest
    @MethodSource("httpRoutes")
    void fromHttpRoutes(List<HTTPRoute> stored, Readiness expected) {
        assertThat(IngressStatus.ofHttpRoutes(stored)).isEqualTo(expected);
    }

    @Test
    void virtualServicesAreReadyOnceTheyExist() {
        assertThat(IngressStatus.ofVirtualServices(List.of()))
                .isEqualTo(new Readiness(
                        State.NOT_READY, "IngressNotConfigured", "No VirtualService has been created yet."));
        assertThat(IngressStatus.ofVirtualServices(List.of(new GenericKubernetesResourceBuilder()
                        .withApiVersion("networking.istio.io/v1beta1")
                        .withKind("VirtualService")
                        .withNewMetadata()
                        .withName("hello-ingress")
                        .endMetadata()
                        .build())))
                .isEqualTo(Readiness.READY);
    }

    static Stream<Arguments> applied() {
        return Stream.of(
                argumentSet("ready", Readiness.READY, "True", null, null),
                argumentSet(
                        "failed", new Readiness(State.FAILED, "BackendNotFound", "m"), "False", "BackendNotFound", "m"),
                argumentSet(
                        "not ready",
                        new Readiness(State.NOT_READY, "IngressNotConfigured", "w"),
                        "Unknown",
                        "IngressNotConfigured",
                        "w"));
    }

    @ParameterizedTest
    @MethodSource("applied")
    void appliesThroughTheRouteLifecycle(Readiness readiness, String status, String reason, String message) {
        RouteStatus routeStatus = new RouteStatus();
        routeStatus.initializeConditions();

        readiness.applyTo(routeStatus);

        Condition c = routeStatus.condition(RouteStatus.INGRESS_READY).orElseThrow();
        assertThat(c.getStatus()).isEqualTo(status);
        assertThat(c.getReason()).isEqualTo(reason);
        assertThat(c.getMessage()).isEqualTo(message);
    }
}
