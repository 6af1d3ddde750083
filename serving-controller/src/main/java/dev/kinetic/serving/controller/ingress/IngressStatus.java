package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.serving.v1.RouteStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Route's {@code IngressReady} condition, read from its ingress objects as stored.
 *
 * <p>HTTPRoutes: True when every HTTPRoute has, for each Gateway in its {@code spec.parentRefs}, a
 * {@code status.parents[]} entry whose {@code Accepted} and {@code ResolvedRefs} conditions are True and not older
 * than the HTTPRoute's generation. False, with the condition's reason and message (prefixed with the HTTPRoute's
 * name), as soon as one such current condition is False, Accepted looked at before ResolvedRefs and HTTPRoutes in
 * list order. Otherwise, including when there is no HTTPRoute yet, Unknown with reason
 * {@value #NOT_CONFIGURED}.
 *
 * <p>VirtualServices: Istio writes no status the controller waits on, so the condition is True once the
 * VirtualService exists and Unknown ({@value #NOT_CONFIGURED}) before.
 */
public final class IngressStatus {
    private IngressStatus() {}

    public static final String NOT_CONFIGURED = "IngressNotConfigured";
    public static final String ACCEPTED = "Accepted";
    public static final String RESOLVED_REFS = "ResolvedRefs";

    /** The three outcomes of the condition. */
    public enum State {
        READY,
        FAILED,
        NOT_READY
    }

    /**
     * The condition to set.
     *
     * @param state True, False or Unknown
     * @param reason the reason, null when ready
     * @param message the message, null when ready
     */
    public record Readiness(State state, String reason, String message) {
        public static final Readiness READY = new Readiness(State.READY, null, null);

        public Readiness {
            Objects.requireNonNull(state, "state");
        }

        static Readiness failed(String reason, String message) {
            return new Readiness(State.FAILED, reason, message);
        }

        static Readiness notConfigured(String message) {
            return new Readiness(State.NOT_READY, NOT_CONFIGURED, message);
        }

        /** Sets {@code IngressReady} on {@code status} through the Route's lifecycle. */
        public void applyTo(RouteStatus status) {
            switch (state) {
                case READY -> status.markIngressReady();
                case FAILED -> status.markIngressFailed(reason, message);
                case NOT_READY -> status.markIngressNotReady(reason, message);
            }
        }
    }

    /** The readiness of a Route's HTTPRoutes as stored. */
    public static Readiness ofHttpRoutes(List<HTTPRoute> stored) {
        if (stored.isEmpty()) {
            return Readiness.notConfigured("No HTTPRoute has been created yet.");
        }
        String waiting = null;
        for (HTTPRoute route : stored) {
            String name = route.getMetadata().getName();
            List<ParentReference> parents =
                    route.getSpec() == null || route.getSpec().getParentRefs() == null
                            ? List.of()
                            : route.getSpec().getParentRefs();
            for (ParentReference parent : parents) {
                Optional<RouteParentStatus> status = parentStatus(route, parent);
                Optional<Condition> accepted = status.flatMap(s -> current(route, s, ACCEPTED));
                Optional<Condition> resolved = status.flatMap(s -> current(route, s, RESOLVED_REFS));
                for (Optional<Condition> condition : List.of(accepted, resolved)) {
                    if (condition.isPresent() && "False".equals(condition.get().getStatus())) {
                        return failed(name, condition.get());
                    }
                }
                boolean ready = accepted.map(IngressStatus::isTrue).orElse(false)
                        && resolved.map(IngressStatus::isTrue).orElse(false);
                if (!ready && waiting == null) {
                    waiting = "Waiting for Gateway " + gateway(route, parent) + " to accept HTTPRoute " + name + ".";
                }
            }
        }
        return waiting == null ? Readiness.READY : Readiness.notConfigured(waiting);
    }

    /** The readiness of a Route's VirtualServices as stored: ready once they exist. */
    public static Readiness ofVirtualServices(List<GenericKubernetesResource> stored) {
        return stored.isEmpty() ? Readiness.notConfigured("No VirtualService has been created yet.") : Readiness.READY;
    }

    private static Optional<RouteParentStatus> parentStatus(HTTPRoute route, ParentReference wanted) {
        if (route.getStatus() == null || route.getStatus().getParents() == null) {
            return Optional.empty();
        }
        String namespace = route.getMetadata().getNamespace();
        return route.getStatus().getParents().stream()
                .filter(p -> p.getParentRef() != null && sameGateway(p.getParentRef(), wanted, namespace))
                .findFirst();
    }

    private static boolean sameGateway(ParentReference a, ParentReference b, String routeNamespace) {
        return Objects.equals(a.getName(), b.getName())
                && or(a.getNamespace(), routeNamespace).equals(or(b.getNamespace(), routeNamespace))
                && or(a.getGroup(), HttpRoutes.GATEWAY_GROUP).equals(or(b.getGroup(), HttpRoutes.GATEWAY_GROUP))
                && or(a.getKind(), HttpRoutes.GATEWAY_KIND).equals(or(b.getKind(), HttpRoutes.GATEWAY_KIND))
                && Objects.equals(a.getSectionName(), b.getSectionName())
                && Objects.equals(a.getPort(), b.getPort());
    }

    /** The condition of {@code type}, unless it was written for an older generation of the HTTPRoute. */
    private static Optional<Condition> current(HTTPRoute route, RouteParentStatus status, String type) {
        if (status.getConditions() == null) {
            return Optional.empty();
        }
        Long generation = route.getMetadata().getGeneration();
        return status.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .filter(c -> generation == null
                        || c.getObservedGeneration() == null
                        || c.getObservedGeneration() >= generation)
                .findFirst();
    }

    private static Readiness failed(String name, Condition condition) {
        String reason = condition.getReason() == null || condition.getReason().isBlank()
                ? condition.getType() + "False"
                : condition.getReason();
        String message =
                condition.getMessage() == null || condition.getMessage().isBlank()
                        ? "HTTPRoute " + name + " is not " + condition.getType() + "."
                        : "HTTPRoute " + name + ": " + condition.getMessage();
        return Readiness.failed(reason, message);
    }

    private static boolean isTrue(Condition condition) {
        return "True".equals(condition.getStatus());
    }

    private static String gateway(HTTPRoute route, ParentReference parent) {
        return or(parent.getNamespace(), route.getMetadata().getNamespace()) + "/" + parent.getName();
    }

    private static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
