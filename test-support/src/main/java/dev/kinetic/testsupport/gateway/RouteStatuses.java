package dev.kinetic.testsupport.gateway;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatusBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Gateway controller reports on an HTTPRoute it has programmed: one {@code status.parents[]} entry per {@code
 * parentRef}, with its controller name and the conditions {@code Accepted} and {@code ResolvedRefs} True for the
 * route's current generation. Entries of other controllers are kept as they are.
 */
final class RouteStatuses {
    static final String ACCEPTED = "Accepted";
    static final String RESOLVED_REFS = "ResolvedRefs";

    private RouteStatuses() {}

    /** Whether {@code route}'s status already says, for its generation, that {@code controller} accepted it. */
    static boolean current(HTTPRoute route, String controller) {
        return Objects.equals(desired(route, controller, null).getParents(), parents(route));
    }

    /**
     * The status to write.
     *
     * @param now the time to stamp on conditions that change; entries that do not change keep their times
     */
    static HTTPRouteStatus desired(HTTPRoute route, String controller, String now) {
        List<RouteParentStatus> parents = new ArrayList<>();
        for (RouteParentStatus p : parents(route)) {
            if (!controller.equals(p.getControllerName())) {
                parents.add(p);
            }
        }
        List<ParentReference> refs = route.getSpec() == null || route.getSpec().getParentRefs() == null
                ? List.of()
                : route.getSpec().getParentRefs();
        Long generation = route.getMetadata().getGeneration();
        for (ParentReference ref : refs) {
            Optional<RouteParentStatus> before = parents(route).stream()
                    .filter(p -> controller.equals(p.getControllerName()) && ref.equals(p.getParentRef()))
                    .findFirst();
            parents.add(new RouteParentStatusBuilder()
                    .withParentRef(ref)
                    .withControllerName(controller)
                    .withConditions(
                            condition(ACCEPTED, "Accepted by the Kinetic test gateway.", generation, before, now),
                            condition(RESOLVED_REFS, "All references are resolved.", generation, before, now))
                    .build());
        }
        return new HTTPRouteStatusBuilder().withParents(parents).build();
    }

    private static Condition condition(
            String type, String message, Long generation, Optional<RouteParentStatus> before, String now) {
        Optional<Condition> previous = before.flatMap(b -> b.getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst());
        return new ConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(type)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(
                        previous.map(Condition::getLastTransitionTime).orElse(now))
                .build();
    }

    private static List<RouteParentStatus> parents(HTTPRoute route) {
        return route.getStatus() == null || route.getStatus().getParents() == null
                ? List.of()
                : route.getStatus().getParents();
    }
}
