package dev.kinetic.eventing.broker.controller.kube;

import dev.kinetic.api.Manifests;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/**
 * Writes a reconciled status once, only when it changed, carrying the resourceVersion the reconcile read: if the
 * object changed meanwhile the API server answers 409 and the reconcile is retried on fresh state. (Done by hand
 * rather than with {@code UpdateControl.patchStatus}, as the serving controller does, because the operator SDK 5.3
 * can drop a spec change that lands while its own status patch is in flight.)
 */
public final class StatusWriter {
    private StatusWriter() {}

    /**
     * @param primary the object as reconciled, with its old status
     * @param status the new status, its observedGeneration set
     * @return whether anything was written
     */
    public static <P extends CustomResource<?, S>, S> boolean write(KubernetesClient client, P primary, S status) {
        if (Objects.equals(Manifests.toTree(status), Manifests.toTree(primary.getStatus()))) {
            return false;
        }
        primary.setStatus(status);
        client.resource(primary).updateStatus();
        return true;
    }
}
