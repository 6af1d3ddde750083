package dev.kinetic.autoscaler.kpa;

import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;

/**
 * The PodAutoscaler's {@code Active} and {@code ScaleTargetInitialized} conditions from the pod counts (Knative
 * {@code computeActiveCondition}). Pure: writes only into the given status.
 */
public final class ActiveState {
    private ActiveState() {}

    public static final String NO_TRAFFIC_MESSAGE = "The target is not receiving traffic.";
    public static final String QUEUED_MESSAGE =
            "Requests to the target are being buffered as resources are provisioned.";
    public static final String TIMED_OUT_MESSAGE = "The target could not be activated.";

    /**
     * @param minReady {@link ScaleGate#activeThreshold}
     * @param want the scale the reconciler settled on (−1 unknown)
     * @param ready ready pods
     * @param timedOut the scale gate gave up an activation
     * @param hasService whether the ServerlessService reported the public Service
     */
    public static void apply(
            PodAutoscalerStatus status, int minReady, int want, int ready, boolean timedOut, boolean hasService) {
        if (ready >= minReady && hasService) {
            status.markScaleTargetInitialized();
        }
        if (want == 0) {
            // Zero is only ever wanted while activating when the activation timed out.
            if (timedOut) {
                status.markInactive(PodAutoscalerStatus.REASON_TIMED_OUT, TIMED_OUT_MESSAGE);
            } else {
                status.markInactive(PodAutoscalerStatus.REASON_NO_TRAFFIC, NO_TRAFFIC_MESSAGE);
            }
        } else if (ready < minReady) {
            if (want > 0 || !status.isInactive()) {
                status.markActivating(PodAutoscalerStatus.REASON_QUEUED, QUEUED_MESSAGE);
            } else {
                // initial-scale 0: at first minReady is 0, afterwards 1, and nothing is wanted.
                status.markInactive(PodAutoscalerStatus.REASON_NO_TRAFFIC, NO_TRAFFIC_MESSAGE);
            }
        } else if (want > 0 || !status.isInactive()) {
            status.markActive();
        }
    }
}
