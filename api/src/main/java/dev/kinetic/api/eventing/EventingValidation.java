package dev.kinetic.api.eventing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Objects;

/** Validation steps every eventing kind shares. */
public final class EventingValidation {
    private EventingValidation() {}

    /**
     * Adds an "Immutable fields changed" error at {@code path} when {@code previous} and {@code updated} differ as
     * JSON, with a {@code -old/+new} diff as details (Knative shows a diff too).
     */
    public static void immutable(Errors errors, String path, Object previous, Object updated) {
        JsonNode before = previous == null ? null : Manifests.toTree(previous);
        JsonNode after = updated == null ? null : Manifests.toTree(updated);
        if (!Objects.equals(before, after)) {
            errors.add(FieldError.immutable(path, "-: " + before + "\n+: " + after));
        }
    }

    /** The value of an annotation, or null. */
    public static String annotation(HasMetadata resource, String key) {
        if (resource == null || resource.getMetadata() == null) {
            return null;
        }
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    /** The path of an annotation from the resource root, {@code metadata.annotations[<key>]}. */
    public static String annotationPath(String key) {
        return "metadata.annotations[" + key + "]";
    }

    public static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
