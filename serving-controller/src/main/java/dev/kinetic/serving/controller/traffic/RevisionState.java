package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Revision;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What traffic resolution needs to know about an existing Revision.
 *
 * @param name the Revision's name
 * @param readiness its Ready condition; {@link Readiness#READY} only when the current generation was observed
 * @param configurationName the Configuration it belongs to (label {@code serving.knative.dev/configuration}), if any
 */
public record RevisionState(String name, Readiness readiness, Optional<String> configurationName) {

    public RevisionState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(configurationName, "configurationName");
    }

    public static RevisionState from(Revision revision) {
        Map<String, String> labels = revision.getMetadata().getLabels();
        Readiness readiness = revision.isReady()
                ? Readiness.READY
                : Readiness.of(revision.getStatus(), false) == Readiness.FAILED ? Readiness.FAILED : Readiness.UNKNOWN;
        return new RevisionState(
                revision.getMetadata().getName(),
                readiness,
                Optional.ofNullable(labels == null ? null : labels.get(Knative.CONFIGURATION_LABEL)));
    }
}
