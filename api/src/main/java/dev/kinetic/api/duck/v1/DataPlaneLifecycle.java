package dev.kinetic.api.duck.v1;

/**
 * The conditions of a resource served by the shared Kafka data plane, set alike for brokers and channels as in
 * eventing-kafka-broker's base reconciler: receiver and dispatcher pods exist, the data plane's contract ConfigMap
 * carries the resource, and the receivers answer a probe for it.
 */
public interface DataPlaneLifecycle extends StatusLifecycle {
    /** Receiver and dispatcher pods exist. */
    String DATA_PLANE_AVAILABLE = "DataPlaneAvailable";
    /** The data-plane contract ConfigMap carries this resource. */
    String CONFIG_MAP_UPDATED = "ConfigMapUpdated";
    /** The receivers answered a probe for this resource's path. */
    String PROBE_SUCCEEDED = "ProbeSucceeded";

    default void markDataPlaneAvailable() {
        manageConditions().markTrue(DATA_PLANE_AVAILABLE);
    }

    default void markDataPlaneNotAvailable(String reason, String message) {
        manageConditions().markFalse(DATA_PLANE_AVAILABLE, reason, message);
    }

    default void markConfigMapUpdated() {
        manageConditions().markTrue(CONFIG_MAP_UPDATED);
    }

    default void markConfigMapFailed(String reason, String message) {
        manageConditions().markFalse(CONFIG_MAP_UPDATED, reason, message);
    }

    default void markProbeSucceeded() {
        manageConditions().markTrue(PROBE_SUCCEEDED);
    }

    default void markProbeFailed(String reason, String message) {
        manageConditions().markFalse(PROBE_SUCCEEDED, reason, message);
    }

    /** The probe has not answered yet: not a failure, the resource is still coming up. */
    default void markProbeUnknown(String reason, String message) {
        manageConditions().markUnknown(PROBE_SUCCEEDED, reason, message);
    }
}
