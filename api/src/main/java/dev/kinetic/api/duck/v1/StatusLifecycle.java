package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * The lifecycle every kind's status shares: conditions are written through the kind's {@link ConditionSet}, and the
 * kind is ready when the happy condition is True for the generation the controller acted on. A status class supplies
 * {@link #manageConditions()}; the other lifecycles in this package build their {@code mark…} methods on it, so a
 * kind composes the ones whose conditions its set contains.
 */
public interface StatusLifecycle {
    /**
     * A manager writing into this status with the kind's condition set, usually {@code CONDITIONS.manage(this)}. It
     * returns the manager rather than the set so that no cast is needed to bind it to this status, and it is not named
     * like a getter so that Jackson never takes it for a property.
     */
    ConditionManager manageConditions();

    /** The generation the controller last acted on; {@link Status} has it. */
    Long getObservedGeneration();

    /** Adds Ready and every dependent condition where missing (Knative's {@code InitializeConditions}). */
    default void initializeConditions() {
        manageConditions().initialize();
    }

    /** Ready is True and the controller has acted on {@code generation}. */
    @JsonIgnore
    default boolean isReady(Long generation) {
        return manageConditions().isHappy() && Objects.equals(getObservedGeneration(), generation);
    }
}
