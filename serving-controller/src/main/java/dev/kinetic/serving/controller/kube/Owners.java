package dev.kinetic.serving.controller.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Controller owner references, as Knative sets them on every child ({@code kmeta.NewControllerRef}). */
public final class Owners {
    private Owners() {}

    /** An owner reference marking {@code owner} as the controller of a child. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /** True when {@code owner} is the controller of {@code child} (same uid). */
    public static boolean isControlledBy(HasMetadata child, HasMetadata owner) {
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream()
                        .anyMatch(r -> Boolean.TRUE.equals(r.getController())
                                && r.getUid() != null
                                && r.getUid().equals(owner.getMetadata().getUid()));
    }
}
