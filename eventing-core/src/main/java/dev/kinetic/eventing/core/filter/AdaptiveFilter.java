package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code all} and {@code any} dialects, with the cheap self-optimisation of Knative's Go filters: each child
 * counts how often it decided the outcome (for {@code all} by failing, for {@code any} by matching), and a child whose
 * count grows beyond twice its left neighbour's swaps places with it, so that the children that usually decide are
 * evaluated first.
 *
 * <p>Thread safety: the order is an immutable array behind an {@link AtomicReference}, replaced copy-on-write with a
 * compare-and-set; a swap that loses a race is simply skipped. The result never depends on the order (the children
 * have no side effects), only the cost does, so an approximate order is harmless.
 */
final class AdaptiveFilter implements EventFilter {
    /** Whether every child must match or one suffices. */
    enum Mode {
        ALL,
        ANY
    }

    private static final class Child {
        final EventFilter filter;
        final AtomicLong decisions = new AtomicLong();

        Child(EventFilter filter) {
            this.filter = filter;
        }
    }

    private final Mode mode;
    /** The outcome that ends the evaluation early: a failure for all, a match for any. */
    private final boolean decisive;

    private final AtomicReference<Child[]> order;

    AdaptiveFilter(Mode mode, List<EventFilter> children) {
        this.mode = mode;
        this.decisive = mode == Mode.ANY;
        this.order = new AtomicReference<>(children.stream().map(Child::new).toArray(Child[]::new));
    }

    @Override
    public boolean test(CloudEvent event) {
        Child[] children = order.get();
        for (int i = 0; i < children.length; i++) {
            if (children[i].filter.test(event) == decisive) {
                decided(children, i);
                return decisive;
            }
        }
        return !decisive;
    }

    private void decided(Child[] children, int index) {
        long count = children[index].decisions.incrementAndGet();
        if (index == 0) {
            return;
        }
        long neighbour = children[index - 1].decisions.get();
        // count > 2 * neighbour, written so that it cannot overflow.
        if (count - neighbour > neighbour) {
            Child[] swapped = children.clone();
            swapped[index - 1] = children[index];
            swapped[index] = children[index - 1];
            order.compareAndSet(children, swapped);
        }
    }

    /** The children in their current evaluation order (for tests). */
    List<EventFilter> children() {
        return Arrays.stream(order.get()).map(c -> c.filter).toList();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Child child : order.get()) {
            problems.addAll(child.filter.problems());
        }
        return problems;
    }

    @Override
    public String toString() {
        return mode.name().toLowerCase() + children();
    }
}
