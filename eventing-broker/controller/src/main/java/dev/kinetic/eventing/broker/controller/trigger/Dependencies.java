package dev.kinetic.eventing.broker.controller.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.eventing.broker.controller.destination.ObjectReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.util.Optional;

/**
 * The {@code knative.dev/dependency} annotation of a Trigger: a JSON object reference (usually to a source) whose
 * Ready condition becomes the Trigger's {@code DependencyReady}.
 */
public final class Dependencies {
    private Dependencies() {}

    /** The dependency's state, as a condition status with reason and message. */
    public record State(String status, String reason, String message) {
        static State succeeded() {
            return new State("True", null, null);
        }
    }

    /**
     * @param annotation the annotation's value
     * @param namespace the Trigger's namespace, for references without one
     */
    public static State check(String annotation, String namespace, ObjectReader reader) {
        JsonNode ref;
        try {
            ref = Manifests.json().readTree(annotation);
        } catch (IOException e) {
            ref = null;
        }
        if (ref == null
                || !ref.isObject()
                || ref.path("kind").asText("").isEmpty()
                || ref.path("name").asText("").isEmpty()
                || ref.path("apiVersion").asText("").isEmpty()) {
            return new State(
                    "False",
                    "InvalidDependency",
                    "The knative.dev/dependency annotation must be a JSON object with kind, name and apiVersion, got "
                            + annotation);
        }
        String ns = ref.path("namespace").asText("");
        ns = ns.isEmpty() ? namespace : ns;
        String what =
                ref.path("kind").asText() + " \"" + ns + "/" + ref.path("name").asText() + "\"";
        Optional<GenericKubernetesResource> object;
        try {
            object = reader.get(
                    ref.path("apiVersion").asText(),
                    ref.path("kind").asText(),
                    ns,
                    ref.path("name").asText());
        } catch (ObjectReader.UnknownKindException e) {
            return new State("False", "DependencyDoesNotExist", "Dependency " + what + ": " + e.getMessage());
        }
        if (object.isEmpty()) {
            return new State("False", "DependencyDoesNotExist", "Dependency " + what + " does not exist");
        }
        JsonNode conditions = Manifests.json()
                .valueToTree(object.get().getAdditionalProperties())
                .path("status")
                .path("conditions");
        for (JsonNode c : conditions) {
            if ("Ready".equals(c.path("type").asText())) {
                String status = c.path("status").asText("Unknown");
                if ("True".equals(status)) {
                    return State.succeeded();
                }
                String message = "Dependency " + what + " is not ready"
                        + (c.path("message").asText("").isEmpty()
                                ? ""
                                : ": " + c.path("message").asText());
                return new State(
                        "False".equals(status) ? "False" : "Unknown",
                        c.path("reason").asText("").isEmpty()
                                ? "DependencyNotReady"
                                : c.path("reason").asText(),
                        message);
            }
        }
        return new State("Unknown", "DependencyNotReady", "Dependency " + what + " has no Ready condition yet");
    }
}
