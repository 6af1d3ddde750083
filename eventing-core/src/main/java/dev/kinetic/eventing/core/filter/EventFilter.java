package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import java.util.List;

/**
 * A compiled Trigger filter: decides whether an event goes to the subscriber. Implementations never throw (an error
 * while evaluating means "does not match") and may be called from several threads at once.
 */
@FunctionalInterface
public interface EventFilter {
    /** Whether the event passes the filter. */
    boolean test(CloudEvent event);

    /**
     * What went wrong while compiling this filter (an unparsable CESQL expression, which then never matches), for the
     * dispatcher to log once; empty for a sound filter.
     */
    default List<String> problems() {
        return List.of();
    }
}
