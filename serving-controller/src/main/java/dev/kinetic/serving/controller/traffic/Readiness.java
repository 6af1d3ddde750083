package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;

/** The Ready condition of a Configuration or Revision, reduced to what traffic resolution needs. */
public enum Readiness {
    READY,
    /** Ready is False. */
    FAILED,
    /** Ready is Unknown, missing, or not yet observed for the current generation. */
    UNKNOWN;

    /** The readiness a status reports; {@code observedCurrent} says whether it describes the current generation. */
    static Readiness of(Status status, boolean observedCurrent) {
        if (status == null) {
            return UNKNOWN;
        }
        Condition ready = status.condition(ConditionSet.READY).orElse(null);
        if (ready == null) {
            return UNKNOWN;
        }
        if (ready.isFalse()) {
            return FAILED;
        }
        return ready.isTrue() && observedCurrent ? READY : UNKNOWN;
    }
}
