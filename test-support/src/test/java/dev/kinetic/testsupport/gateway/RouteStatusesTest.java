package dev.kinetic.testsupport.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import org.junit.jupiter.api.Test;

class RouteStatusesTest {
    private static final String US = "kinetic.dev/test-gateway";

    private static HTTPRoute route(long generation) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName("r")
                .withNamespace("ns")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .addNewParentRef()
                .withName("local")
                .withNamespace("kinetic-system")
                .endParentRef()
                .addNewParentRef()
                .withName("external")
                .withNamespace("kinetic-system")
                .endParentRef()
                .endSpec()
                .build();
    }

    @Test
    void oneAcceptedEntryPerParentForTheCurrentGenerationOthersKept() {
        HTTPRoute route = route(3);
        RouteParentStatus theirs = new RouteParentStatusBuilder()
                .withControllerName("example.com/other")
                .withNewParentRef()
                .withName("theirs")
                .endParentRef()
                .build();
        route.setStatus(new io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder()
                .withParents(theirs)
                .build());

        HTTPRouteStatus status = RouteStatuses.desired(route, US, "2026-11-21T10:00:00Z");

        assertThat(status.getParents()).hasSize(3).first().isEqualTo(theirs);
        assertThat(status.getParents().subList(1, 3))
                .extracting(p -> p.getParentRef().getName())
                .containsExactly("local", "external");
        assertThat(status.getParents().get(1).getConditions())
                .extracting(Condition::getType, Condition::getStatus, Condition::getObservedGeneration)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Accepted", "True", 3L),
                        org.assertj.core.groups.Tuple.tuple("ResolvedRefs", "True", 3L));
        assertThat(RouteStatuses.current(route, US)).isFalse();
        route.setStatus(status);
        assertThat(RouteStatuses.current(route, US)).isTrue();
    }

    @Test
    void aNewGenerationNeedsANewStatusWhichKeepsTheTransitionTime() {
        HTTPRoute route = route(1);
        route.setStatus(RouteStatuses.desired(route, US, "2026-11-21T10:00:00Z"));
        route.getMetadata().setGeneration(2L);
        assertThat(RouteStatuses.current(route, US)).isFalse();

        HTTPRouteStatus next = RouteStatuses.desired(route, US, "2026-11-21T11:00:00Z");
        assertThat(next.getParents().get(0).getConditions()).allSatisfy(c -> {
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-21T10:00:00Z");
        });
    }
}
