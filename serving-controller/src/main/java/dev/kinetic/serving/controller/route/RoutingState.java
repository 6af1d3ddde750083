package dev.kinetic.serving.controller.route;

import dev.kinetic.api.Knative;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which Routes send traffic to a Revision, and its routing state (Knative's labeler): a Revision lists the Routes
 * targeting it in the {@code serving.knative.dev/routes} annotation; it is {@code active} while any does and
 * {@code reserve} once none does (the autoscaler may then scale it to zero, and revision GC may collect it). The
 * state's last change is stamped in {@code serving.knative.dev/routingStateModified}. Pure.
 */
public final class RoutingState {
    public static final String ACTIVE = "active";
    public static final String RESERVE = "reserve";
    public static final String PENDING = "pending";

    private RoutingState() {}

    /** The Routes listed on a Revision. */
    public static TreeSet<String> routes(ObjectMeta revision) {
        String value = revision.getAnnotations() == null
                ? null
                : revision.getAnnotations().get(Knative.ROUTES_ANNOTATION);
        return value == null || value.isBlank()
                ? new TreeSet<>()
                : Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The Revision's metadata after Route {@code route} starts ({@code routed}) or stops sending it traffic, or
     * empty when nothing changes.
     */
    public static Optional<ObjectMeta> update(ObjectMeta revision, String route, boolean routed, Instant now) {
        TreeSet<String> routes = routes(revision);
        boolean changed = routed ? routes.add(route) : routes.remove(route);
        String state = routes.isEmpty() ? RESERVE : ACTIVE;
        String current =
                revision.getLabels() == null ? null : revision.getLabels().get(Knative.ROUTING_STATE_LABEL);
        if (!routed && !changed) {
            return Optional.empty();
        }
        if (!changed && state.equals(current)) {
            return Optional.empty();
        }
        ObjectMeta next = new ObjectMeta();
        Map<String, String> labels = new HashMap<>(revision.getLabels() == null ? Map.of() : revision.getLabels());
        Map<String, String> annotations =
                new HashMap<>(revision.getAnnotations() == null ? Map.of() : revision.getAnnotations());
        if (routes.isEmpty()) {
            annotations.remove(Knative.ROUTES_ANNOTATION);
        } else {
            annotations.put(Knative.ROUTES_ANNOTATION, String.join(",", routes));
        }
        if (!state.equals(current)) {
            labels.put(Knative.ROUTING_STATE_LABEL, state);
            annotations.put(
                    Knative.ROUTING_STATE_MODIFIED_ANNOTATION,
                    now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        next.setLabels(labels);
        next.setAnnotations(annotations);
        return Optional.of(next);
    }
}
