package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import java.util.List;

/** The {@code not} dialect: passes exactly the events its child rejects (including those its child errs on). */
final class NotFilter implements EventFilter {
    private final EventFilter child;

    NotFilter(EventFilter child) {
        this.child = child;
    }

    @Override
    public boolean test(CloudEvent event) {
        return !child.test(event);
    }

    @Override
    public List<String> problems() {
        return child.problems();
    }

    @Override
    public String toString() {
        return "not(" + child + ")";
    }
}
