package dev.kinetic.eventing.core.filter;

import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import io.cloudevents.CloudEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a Trigger's filter into an {@link EventFilter}, with the rules of Knative Eventing:
 *
 * <ul>
 *   <li>A non-empty {@code filters} (Subscriptions API) wins over {@code filter.attributes}; neither passes every
 *       event.
 *   <li>{@code filter.attributes}: every entry must match its attribute exactly (case-sensitive); an entry with an
 *       empty value accepts any value, even an absent attribute; a missing attribute fails any other entry.
 *   <li>{@code filters} is an implicit {@code all}. {@code exact}, {@code prefix}, {@code suffix}: every entry must
 *       hold and a missing attribute fails. {@code all}, {@code any}, {@code not} nest. {@code cesql}: the expression
 *       must evaluate to true without error.
 *   <li>An element that sets no dialect is "no filter", as in Knative's Go implementation: it is left out of an
 *       enclosing {@code all} or {@code any}, {@code not} of it is no filter either, and a whole filter that is no
 *       filter passes every event. (So {@code any: [{}, {exact: …}]} is decided by the {@code exact} alone.)
 * </ul>
 *
 * Attributes are read with {@link EventAttributes#lookup}. Evaluating never throws: an error means "no match".
 */
public final class Filters {
    /** The filter of a Trigger without one. */
    public static final EventFilter PASS_ALL = new EventFilter() {
        @Override
        public boolean test(CloudEvent event) {
            return true;
        }

        @Override
        public String toString() {
            return "pass-all";
        }
    };

    private Filters() {}

    /**
     * Compiles a Trigger's filter. Does not throw for a CESQL expression that does not parse (the admission webhook
     * already rejects those; a data plane must not crash on one that slipped through): the whole filter then fails
     * closed, matching no event (rather than letting a {@code not} around the bad part pass everything), and lists the
     * parse errors, naming the expressions, in {@link EventFilter#problems()} for the caller to log.
     *
     * @param filterAttributes the legacy {@code spec.filter.attributes}, may be null or empty
     * @param filters the Subscriptions API {@code spec.filters}, may be null or empty
     */
    public static EventFilter compile(Map<String, String> filterAttributes, List<SubscriptionsAPIFilter> filters) {
        EventFilter compiled = filters != null && !filters.isEmpty()
                ? compileAll(AdaptiveFilter.Mode.ALL, filters)
                : compileAttributes(filterAttributes);
        if (compiled == null) {
            return PASS_ALL;
        }
        List<String> problems = compiled.problems();
        return problems.isEmpty() ? compiled : new NeverFilter(problems);
    }

    /** What a filter with an unusable part compiles to: it fails closed. */
    private record NeverFilter(List<String> problems) implements EventFilter {
        @Override
        public boolean test(CloudEvent event) {
            return false;
        }

        @Override
        public String toString() {
            return "never" + problems;
        }
    }

    /** The legacy attributes filter, or null when no entry constrains anything. */
    private static EventFilter compileAttributes(Map<String, String> attributes) {
        if (attributes == null) {
            return null;
        }
        Map<String, String> constraining = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (name != null && value != null && !value.isEmpty()) {
                constraining.put(name, value);
            }
        });
        return constraining.isEmpty() ? null : new AttributeMatch(AttributeMatch.Kind.EXACT, constraining);
    }

    /** One element, or null when it is no filter. */
    private static EventFilter compile(SubscriptionsAPIFilter filter) {
        if (filter == null) {
            return null;
        }
        // One dialect per element is the webhook's rule; should several slip through, all of them must hold.
        List<EventFilter> dialects = new ArrayList<>(1);
        add(dialects, compileAll(AdaptiveFilter.Mode.ALL, filter.getAll()));
        add(dialects, match(AttributeMatch.Kind.EXACT, filter.getExact()));
        add(dialects, match(AttributeMatch.Kind.PREFIX, filter.getPrefix()));
        add(dialects, match(AttributeMatch.Kind.SUFFIX, filter.getSuffix()));
        add(dialects, compileAll(AdaptiveFilter.Mode.ANY, filter.getAny()));
        EventFilter not = compile(filter.getNot());
        add(dialects, not == null ? null : new NotFilter(not));
        add(dialects, filter.getCesql() == null ? null : CesqlFilter.of(filter.getCesql()));
        return combine(AdaptiveFilter.Mode.ALL, dialects);
    }

    private static EventFilter compileAll(AdaptiveFilter.Mode mode, List<SubscriptionsAPIFilter> filters) {
        if (filters == null) {
            return null;
        }
        List<EventFilter> children = new ArrayList<>(filters.size());
        for (SubscriptionsAPIFilter filter : filters) {
            add(children, compile(filter));
        }
        return combine(mode, children);
    }

    private static EventFilter combine(AdaptiveFilter.Mode mode, List<EventFilter> children) {
        return switch (children.size()) {
            case 0 -> null;
            case 1 -> children.get(0);
            default -> new AdaptiveFilter(mode, children);
        };
    }

    private static EventFilter match(AttributeMatch.Kind kind, Map<String, String> expected) {
        return expected == null || expected.isEmpty() ? null : new AttributeMatch(kind, expected);
    }

    private static void add(List<EventFilter> filters, EventFilter filter) {
        if (filter != null) {
            filters.add(filter);
        }
    }
}
