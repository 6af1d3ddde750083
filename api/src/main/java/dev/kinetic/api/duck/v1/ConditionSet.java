package dev.kinetic.api.duck.v1;

import java.time.Clock;
import java.util.List;

/**
 * A kind's condition set: one "happy" condition (Ready) that is True exactly when every dependent is True
 * (Knative's living condition set, {@code apis.NewLivingConditionSet}). Conditions outside the set may be written
 * too; they get severity Info and never affect Ready.
 */
public final class ConditionSet {
    public static final String READY = "Ready";

    private final String happy;
    private final List<String> dependents;

    private ConditionSet(String happy, List<String> dependents) {
        this.happy = happy;
        this.dependents = List.copyOf(dependents);
    }

    /** A set whose happy condition is {@code Ready}, computed from {@code dependents}. */
    public static ConditionSet living(String... dependents) {
        return new ConditionSet(READY, List.of(dependents));
    }

    public String happy() {
        return happy;
    }

    public List<String> dependents() {
        return dependents;
    }

    /** A manager writing into {@code status}, stamping transitions with the system clock. */
    public ConditionManager manage(Status status) {
        return new ConditionManager(this, status, Clock.systemUTC());
    }

    /** A manager writing into {@code status}, stamping transitions with {@code clock}. */
    public ConditionManager manage(Status status, Clock clock) {
        return new ConditionManager(this, status, clock);
    }

    boolean isDependent(String type) {
        return dependents.contains(type);
    }

    boolean isTracked(String type) {
        return happy.equals(type) || dependents.contains(type);
    }
}
