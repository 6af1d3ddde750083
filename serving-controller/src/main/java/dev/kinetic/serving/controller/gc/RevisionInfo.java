package dev.kinetic.serving.controller.gc;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Revision;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What garbage collection needs to know about a Revision.
 *
 * @param name the Revision's name
 * @param creationTimestamp {@code metadata.creationTimestamp}; empty for an object not yet stored
 * @param labels its labels ({@code serving.knative.dev/routingState})
 * @param annotations its annotations ({@code serving.knative.dev/routingStateModified},
 *     {@code serving.knative.dev/no-gc})
 */
public record RevisionInfo(
        String name, Optional<Instant> creationTimestamp, Map<String, String> labels, Map<String, String> annotations) {

    /** Routing state of a Revision no Route sends traffic to (Knative's {@code reserve}). */
    public static final String ROUTING_STATE_RESERVE = "reserve";

    public RevisionInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creationTimestamp, "creationTimestamp");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static RevisionInfo from(Revision revision) {
        return new RevisionInfo(
                revision.getMetadata().getName(),
                parse(revision.getMetadata().getCreationTimestamp()),
                revision.getMetadata().getLabels(),
                revision.getMetadata().getAnnotations());
    }

    /** The {@code serving.knative.dev/routingState} label, or empty when the labeler has not set it yet. */
    public String routingState() {
        return labels.getOrDefault(Knative.ROUTING_STATE_LABEL, "");
    }

    /** Annotated {@code serving.knative.dev/no-gc: "true"}: the user asked to keep it. */
    public boolean preserved() {
        return "true".equalsIgnoreCase(annotations.get(Knative.NO_GC_ANNOTATION));
    }

    /**
     * When it last stopped or started being routed ({@code serving.knative.dev/routingStateModified}), falling back
     * to its creation time when the annotation is missing or not RFC 3339.
     */
    public Optional<Instant> lastActive() {
        return parse(annotations.get(Knative.ROUTING_STATE_MODIFIED_ANNOTATION)).or(() -> creationTimestamp);
    }

    private static Optional<Instant> parse(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(rfc3339.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
