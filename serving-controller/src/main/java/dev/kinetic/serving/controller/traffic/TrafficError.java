package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.v1.RouteStatus;

/**
 * Why a traffic target cannot be resolved, as the Route's {@code AllTrafficAssigned} condition reports it. Each case
 * maps to exactly one {@code RouteStatus.mark…} method, which {@link #markOn} calls.
 */
public sealed interface TrafficError {
    /** Sets {@code AllTrafficAssigned} on {@code status}. */
    void markOn(RouteStatus status);

    /** True when the condition is False (the user must act), false when it is Unknown (wait). */
    boolean failure();

    /** The condition status this error sets: {@code False} or {@code Unknown}. */
    default String conditionStatus() {
        return failure() ? Condition.FALSE : Condition.UNKNOWN;
    }

    /**
     * A target names an object that does not exist: False, reason {@code ConfigurationMissing} or
     * {@code RevisionMissing}.
     *
     * @param kind {@value #CONFIGURATION} or {@value #REVISION}
     * @param name the missing object's name
     */
    record MissingTarget(String kind, String name) implements TrafficError {
        public static final String CONFIGURATION = "Configuration";
        public static final String REVISION = "Revision";

        @Override
        public void markOn(RouteStatus status) {
            status.markMissingTrafficTarget(kind, name);
        }

        @Override
        public boolean failure() {
            return true;
        }
    }

    /**
     * A Configuration target has no ready Revision: Unknown while one may still become ready, False when the
     * Configuration failed.
     *
     * @param name the Configuration
     * @param failure whether the Configuration's Ready is False
     */
    record UnreadyConfiguration(String name, boolean failure) implements TrafficError {
        @Override
        public void markOn(RouteStatus status) {
            if (failure) {
                status.markConfigurationFailed(name);
            } else {
                status.markConfigurationNotReady(name);
            }
        }
    }

    /**
     * A pinned Revision is not ready: Unknown while it may still become ready, False when it failed.
     *
     * @param name the Revision
     * @param failure whether the Revision's Ready is False
     */
    record UnreadyRevision(String name, boolean failure) implements TrafficError {
        @Override
        public void markOn(RouteStatus status) {
            if (failure) {
                status.markRevisionFailed(name);
            } else {
                status.markRevisionNotReady(name);
            }
        }
    }
}
