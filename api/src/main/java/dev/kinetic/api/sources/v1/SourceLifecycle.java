package dev.kinetic.api.sources.v1;

import dev.kinetic.api.duck.v1.SinkLifecycle;

/**
 * The lifecycle of a source that sends to a resolved sink through an adapter it deploys (ApiServerSource, PingSource,
 * KafkaSource): SinkProvided and Deployed. A SinkBinding deploys nothing, so it has only {@link SinkLifecycle}.
 */
public interface SourceLifecycle extends SinkLifecycle {
    /** Condition type: the source's adapter is deployed and available. */
    String DEPLOYED = "Deployed";

    default void markDeployed() {
        manageConditions().markTrue(DEPLOYED);
    }

    default void markNotDeployed(String reason, String message) {
        manageConditions().markFalse(DEPLOYED, reason, message);
    }

    default void markDeploying(String reason, String message) {
        manageConditions().markUnknown(DEPLOYED, reason, message);
    }
}
