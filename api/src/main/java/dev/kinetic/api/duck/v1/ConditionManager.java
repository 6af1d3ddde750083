package dev.kinetic.api.duck.v1;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes conditions into a {@link Status} with Knative's semantics ({@code knative.dev/pkg/apis/condition_set.go}):
 *
 * <ul>
 *   <li>marking a dependent True makes Ready True once every dependent is True; otherwise Ready takes the state of
 *       the unhappy dependent (False ahead of Unknown);
 *   <li>marking a dependent False makes Ready False with the same reason and message;
 *   <li>marking a dependent Unknown makes Ready Unknown, unless another dependent is False (False wins);
 *   <li>a transition time only moves when the visible state changes.
 * </ul>
 */
public final class ConditionManager {
    private final ConditionSet set;
    private final Status status;
    private final Clock clock;

    ConditionManager(ConditionSet set, Status status, Clock clock) {
        this.set = set;
        this.status = status;
        this.clock = clock;
    }

    /** Adds the happy condition and every dependent as Unknown where missing (Knative's InitializeConditions). */
    public void initialize() {
        Optional<Condition> happy = get(set.happy());
        if (happy.isEmpty()) {
            setCondition(new Condition().setType(set.happy()).setStatus(Condition.UNKNOWN));
        }
        // A True happy condition means every dependent is known True (Knative initialises them True then).
        String initial = happy.map(Condition::isTrue).orElse(false) ? Condition.TRUE : Condition.UNKNOWN;
        for (String dependent : set.dependents()) {
            if (get(dependent).isEmpty()) {
                setCondition(new Condition().setType(dependent).setStatus(initial));
            }
        }
    }

    public Optional<Condition> get(String type) {
        return status.condition(type);
    }

    public boolean isHappy() {
        return get(set.happy()).map(Condition::isTrue).orElse(false);
    }

    public void markTrue(String type) {
        markTrueWithReason(type, null, null);
    }

    public void markTrueWithReason(String type, String reason, String message) {
        setCondition(condition(type, Condition.TRUE, reason, message));
        if (!set.isDependent(type)) {
            return;
        }
        Optional<Condition> unhappy = unhappyDependent();
        if (unhappy.isPresent()) {
            Condition c = unhappy.get();
            setCondition(condition(set.happy(), c.getStatus(), c.getReason(), c.getMessage()));
        } else {
            setCondition(condition(set.happy(), Condition.TRUE, null, null));
        }
    }

    public void markFalse(String type, String reason, String message) {
        setCondition(condition(type, Condition.FALSE, reason, message));
        if (set.isDependent(type)) {
            setCondition(condition(set.happy(), Condition.FALSE, reason, message));
        }
    }

    public void markUnknown(String type, String reason, String message) {
        setCondition(condition(type, Condition.UNKNOWN, reason, message));
        if (!set.isDependent(type)) {
            return;
        }
        Optional<Condition> failed = set.dependents().stream()
                .map(this::get)
                .flatMap(Optional::stream)
                .filter(Condition::isFalse)
                .findFirst();
        if (failed.isPresent()) {
            if (!get(set.happy()).map(Condition::isFalse).orElse(false)) {
                Condition c = failed.get();
                setCondition(condition(set.happy(), Condition.FALSE, c.getReason(), c.getMessage()));
            }
            return;
        }
        setCondition(condition(set.happy(), Condition.UNKNOWN, reason, message));
    }

    /** Removes a condition that is not part of the set; the happy condition and dependents stay. */
    public void clear(String type) {
        if (!set.isTracked(type) && status.getConditions() != null) {
            status.getConditions().removeIf(c -> type.equals(c.getType()));
        }
    }

    /** Sets one condition, keeping its transition time when only the time would change. Conditions stay sorted. */
    public void setCondition(Condition next) {
        List<Condition> conditions = status.mutableConditions();
        Optional<Condition> previous = get(next.getType());
        if (previous.isPresent() && previous.get().sameStateAs(next)) {
            return;
        }
        previous.ifPresent(conditions::remove);
        if (next.getLastTransitionTime() == null) {
            next.setLastTransitionTime(
                    Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        conditions.add(next);
        conditions.sort(Comparator.comparing(Condition::getType));
    }

    private Condition condition(String type, String state, String reason, String message) {
        return new Condition()
                .setType(type)
                .setStatus(state)
                .setSeverity(set.isTracked(type) ? null : Condition.SEVERITY_INFO)
                .setReason(emptyToNull(reason))
                .setMessage(emptyToNull(message));
    }

    private Optional<Condition> unhappyDependent() {
        Optional<Condition> unknown = Optional.empty();
        for (String type : set.dependents()) {
            Optional<Condition> c = get(type);
            if (c.isEmpty()) {
                if (unknown.isEmpty()) {
                    unknown = Optional.of(new Condition().setType(type).setStatus(Condition.UNKNOWN));
                }
                continue;
            }
            if (c.get().isFalse()) {
                return c;
            }
            if (c.get().isUnknown() && unknown.isEmpty()) {
                unknown = c;
            }
        }
        return unknown;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
