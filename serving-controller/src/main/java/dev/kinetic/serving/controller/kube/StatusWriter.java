package dev.kinetic.serving.controller.kube;

import dev.kinetic.api.Manifests;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes a reconciled status once, only if it changed, with optimistic locking: the write carries the
 * resourceVersion the reconcile read, so if the object changed meanwhile the API server answers 409, the exception
 * reaches the operator SDK and the reconcile is retried on fresh state; nothing is overwritten with stale data.
 *
 * <p>We write the status ourselves rather than through {@code UpdateControl.patchStatus} because the SDK (5.3)
 * drops a spec change that lands while its own status patch is in flight (java-operator-sdk#3398). Our write's
 * answer tells us the object's current generation: if the spec moved on while we reconciled, we reschedule at once.
 */
public final class StatusWriter {
    private StatusWriter() {}

    /**
     * @param primary the object as reconciled, with its old status
     * @param status the status the reconcile computed (its observedGeneration already set)
     * @param resync when to reconcile again if nothing else happens
     */
    public static <P extends CustomResource<?, S>, S> UpdateControl<P> write(
            KubernetesClient client, P primary, S status, Duration resync) {
        long reconciled = primary.getMetadata().getGeneration() == null
                ? 0
                : primary.getMetadata().getGeneration();
        if (Objects.equals(Manifests.toTree(status), Manifests.toTree(primary.getStatus()))) {
            return UpdateControl.<P>noUpdate().rescheduleAfter(resync);
        }
        primary.setStatus(status);
        P written = client.resource(primary).updateStatus();
        Long current = written == null ? null : written.getMetadata().getGeneration();
        boolean specMovedOn = current != null && current > reconciled;
        return UpdateControl.<P>noUpdate().rescheduleAfter(specMovedOn ? Duration.ZERO : resync);
    }
}
