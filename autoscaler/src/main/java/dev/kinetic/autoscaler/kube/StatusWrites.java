package dev.kinetic.autoscaler.kube;

import dev.kinetic.api.Manifests;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes a reconciled status only if it changed, carrying the resourceVersion the reconcile read: a 409 means the
 * object moved on, and the operator SDK retries the reconcile on fresh state. Written by us rather than through
 * {@code UpdateControl.patchStatus}, which can drop a spec change landing during its patch (java-operator-sdk#3398).
 */
public final class StatusWrites {
    private StatusWrites() {}

    /** The status write, then a reconcile again after {@code next} if nothing else happens. */
    public static <P extends CustomResource<?, S>, S> UpdateControl<P> write(
            KubernetesClient client, P primary, S status, Duration next) {
        if (!Objects.equals(Manifests.toTree(status), Manifests.toTree(primary.getStatus()))) {
            primary.setStatus(status);
            client.resource(primary).updateStatus();
        }
        return UpdateControl.<P>noUpdate().rescheduleAfter(next);
    }
}
