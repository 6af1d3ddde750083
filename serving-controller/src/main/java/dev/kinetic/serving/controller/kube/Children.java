package dev.kinetic.serving.controller.kube;

import dev.kinetic.api.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.BiConsumer;

/**
 * Creates or updates one child object: the reconcile step every reconciler repeats for each child kind. It creates
 * a missing child, refuses to touch an object of that name it does not own, and updates an owned child only when
 * applying the desired fields would change it. A write conflict is left to the caller's retry (the operator SDK
 * reschedules the reconcile), so a stale read never overwrites newer state.
 */
public final class Children {
    private Children() {}

    /** An object with the child's name exists but another owner controls it. */
    public static final class NotOwnedException extends Exception {
        private final String kind;
        private final String name;

        public NotOwnedException(String kind, String name) {
            super("There is an existing " + kind + " \"" + name + "\" that we do not own.");
            this.kind = kind;
            this.name = name;
        }

        public String kind() {
            return kind;
        }

        public String name() {
            return name;
        }
    }

    /**
     * Makes the child match {@code desired}.
     *
     * @param existing the child as cached, or null when the cache has none (it may still exist on the server)
     * @param owner the object that must control the child
     * @param applyDesired copies the fields we own from the desired object onto (a copy of) the existing one
     * @return the child as stored on the server after this step
     */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> T reconcile(
            KubernetesClient client, T desired, T existing, HasMetadata owner, BiConsumer<T, T> applyDesired)
            throws NotOwnedException {
        T current = existing;
        if (current == null) {
            try {
                return client.resource(desired).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Created since our cache was filled (or by someone else): look at what is there.
                current = client.resource(desired).get();
                if (current == null) {
                    throw e;
                }
            }
        }
        if (!Owners.isControlledBy(current, owner)) {
            throw new NotOwnedException(current.getKind(), current.getMetadata().getName());
        }
        T merged = (T) Manifests.convert(Manifests.toTree(current), current.getClass());
        applyDesired.accept(desired, merged);
        if (Manifests.toTree(merged).equals(Manifests.toTree(current))) {
            return current;
        }
        return client.resource(merged).update();
    }

    /** The usual merge: the desired labels, annotations and spec replace the existing ones. */
    public static <T extends HasMetadata> void replaceLabelsAnnotations(T desired, T target) {
        target.getMetadata().setLabels(desired.getMetadata().getLabels());
        target.getMetadata().setAnnotations(desired.getMetadata().getAnnotations());
    }
}
