package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code exact}, {@code prefix} and {@code suffix} dialects (and the legacy {@code filter.attributes}, which is
 * {@code exact}): every attribute must be present and its wire value must equal, start with, or end with the expected
 * value. Comparisons are case-sensitive.
 */
final class AttributeMatch implements EventFilter {
    /** How an attribute's value is compared with the expected one. */
    enum Kind {
        EXACT,
        PREFIX,
        SUFFIX
    }

    private final Kind kind;
    private final String[] names;
    private final String[] values;

    AttributeMatch(Kind kind, Map<String, String> expected) {
        this.kind = kind;
        // Sorted so that toString (and the evaluation order) does not depend on the map's iteration order.
        Map<String, String> sorted = new TreeMap<>();
        expected.forEach((name, value) -> {
            if (name != null) {
                sorted.put(name, value == null ? "" : value);
            }
        });
        this.names = sorted.keySet().toArray(String[]::new);
        this.values = sorted.values().toArray(String[]::new);
    }

    @Override
    public boolean test(CloudEvent event) {
        try {
            for (int i = 0; i < names.length; i++) {
                String actual = EventAttributes.lookup(event, names[i]);
                if (actual == null || !matches(actual, values[i])) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean matches(String actual, String expected) {
        return switch (kind) {
            case EXACT -> actual.equals(expected);
            case PREFIX -> actual.startsWith(expected);
            case SUFFIX -> actual.endsWith(expected);
        };
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.name().toLowerCase()).append('{');
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ",").append(names[i]).append('=').append(values[i]);
        }
        return text.append('}').toString();
    }
}
