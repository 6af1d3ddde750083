package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.kube.Owners;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The labels, annotations and controller reference ({@link Owners#controllerRef}) every child of a Revision carries.
 */
public final class RevisionMeta {
    private RevisionMeta() {}

    /** Label Kubernetes tooling groups pods by; set to the revision name unless the user chose a value. */
    public static final String APP_LABEL = "app";

    /**
     * Labels that change while the Revision lives (which routes point at it); copying them would roll the pods, or
     * churn every child, each time traffic moves.
     */
    private static final Set<String> EXCLUDED_LABELS = Set.of(Knative.ROUTE_LABEL, Knative.ROUTING_STATE_LABEL);

    /** Annotations that change while the Revision lives, for the same reason as {@link #EXCLUDED_LABELS}. */
    private static final Set<String> VOLATILE_ANNOTATIONS = Set.of(
            Knative.ROUTES_ANNOTATION, Knative.ROUTING_STATE_MODIFIED_ANNOTATION, Knative.LAST_PINNED_ANNOTATION);

    /**
     * The revision's labels without the routing ones, plus {@code serving.knative.dev/revision},
     * {@code serving.knative.dev/revisionUID} and {@code app=<revision>} when the user set no {@code app}.
     */
    public static Map<String, String> labels(Revision rev) {
        Map<String, String> labels = new TreeMap<>(orEmpty(rev.getMetadata().getLabels()));
        EXCLUDED_LABELS.forEach(labels::remove);
        labels.put(Knative.REVISION_LABEL, rev.getMetadata().getName());
        labels.put(Knative.REVISION_UID_LABEL, uid(rev));
        labels.putIfAbsent(APP_LABEL, rev.getMetadata().getName());
        return labels;
    }

    /** The label selecting the revision's pods: its UID, which a recreated revision of the same name never shares. */
    public static Map<String, String> selector(Revision rev) {
        return Map.of(Knative.REVISION_UID_LABEL, uid(rev));
    }

    /**
     * The revision's annotations for its Deployment and pods: without {@code autoscaling.knative.dev/*} (the
     * autoscaler reads those from the PodAutoscaler, and a changed target must not roll the pods) and without the
     * ones that change with routing.
     */
    public static Map<String, String> annotations(Revision rev) {
        Map<String, String> annotations = new TreeMap<>();
        orEmpty(rev.getMetadata().getAnnotations()).forEach((key, value) -> {
            if (!key.startsWith(Knative.AUTOSCALING_PREFIX) && !VOLATILE_ANNOTATIONS.contains(key)) {
                annotations.put(key, value);
            }
        });
        return annotations;
    }

    /** Only the revision's {@code autoscaling.knative.dev/*} annotations. */
    public static Map<String, String> autoscalingAnnotations(Revision rev) {
        Map<String, String> annotations = new TreeMap<>();
        orEmpty(rev.getMetadata().getAnnotations()).forEach((key, value) -> {
            if (key.startsWith(Knative.AUTOSCALING_PREFIX)) {
                annotations.put(key, value);
            }
        });
        return annotations;
    }

    /** Metadata for a child named {@code name}: the revision's namespace, child labels and owner reference. */
    static ObjectMeta childMeta(Revision rev, String name, Map<String, String> annotations) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(rev.getMetadata().getNamespace())
                .withLabels(labels(rev))
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .withOwnerReferences(Owners.controllerRef(rev))
                .build();
    }

    /** A label or annotation of the revision, or empty when absent. */
    static String label(Revision rev, String key) {
        return orEmpty(rev.getMetadata().getLabels()).getOrDefault(key, "");
    }

    static String annotation(Revision rev, String key) {
        return orEmpty(rev.getMetadata().getAnnotations()).get(key);
    }

    private static String uid(Revision rev) {
        return Objects.requireNonNullElse(rev.getMetadata().getUid(), "");
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
