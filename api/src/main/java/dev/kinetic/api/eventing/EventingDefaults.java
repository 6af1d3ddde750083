package dev.kinetic.api.eventing;

import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.HashMap;

/** Defaulting steps every eventing kind shares. */
public final class EventingDefaults {
    private EventingDefaults() {}

    /** A reference without a namespace points into the namespace of the resource holding it, as in Knative. */
    public static void namespace(KReference ref, String namespace) {
        if (ref != null && (ref.getNamespace() == null || ref.getNamespace().isEmpty())) {
            ref.setNamespace(namespace);
        }
    }

    public static void namespace(Destination destination, String namespace) {
        if (destination != null) {
            namespace(destination.getRef(), namespace);
        }
    }

    /** Defaults the namespace of the dead-letter sink's reference. */
    public static void namespace(DeliverySpec delivery, String namespace) {
        if (delivery != null) {
            namespace(delivery.getDeadLetterSink(), namespace);
        }
    }

    public static String namespaceOf(HasMetadata resource) {
        return resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    }

    /**
     * Sets an annotation unless it already has a non-empty value, creating metadata and the annotation map as
     * needed.
     */
    public static void annotateIfAbsent(HasMetadata resource, String key, String value) {
        ObjectMeta metadata = metadata(resource);
        if (metadata.getAnnotations() == null) {
            metadata.setAnnotations(new HashMap<>());
        }
        String current = metadata.getAnnotations().get(key);
        if (current == null || current.isEmpty()) {
            metadata.getAnnotations().put(key, value);
        }
    }

    /** Sets a label, creating metadata and the label map as needed. */
    public static void label(HasMetadata resource, String key, String value) {
        ObjectMeta metadata = metadata(resource);
        if (metadata.getLabels() == null) {
            metadata.setLabels(new HashMap<>());
        }
        metadata.getLabels().put(key, value);
    }

    private static ObjectMeta metadata(HasMetadata resource) {
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        return resource.getMetadata();
    }
}
