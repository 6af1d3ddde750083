package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import java.util.List;

/**
 * The {@code cesql} dialect: passes an event when the expression evaluates to true without error. An expression that
 * does not parse compiles to a filter that never matches and reports the parse error through {@link #problems()}.
 */
final class CesqlFilter implements EventFilter {
    private final String text;
    private final Cesql cesql;
    private final String problem;

    private CesqlFilter(String text, Cesql cesql, String problem) {
        this.text = text;
        this.cesql = cesql;
        this.problem = problem;
    }

    static CesqlFilter of(String text) {
        try {
            return new CesqlFilter(text, Cesql.parse(text), null);
        } catch (IllegalArgumentException e) {
            return new CesqlFilter(text, null, e.getMessage());
        }
    }

    @Override
    public boolean test(CloudEvent event) {
        return cesql != null && cesql.evaluate(event).matches();
    }

    @Override
    public List<String> problems() {
        return problem == null ? List.of() : List.of(problem);
    }

    @Override
    public String toString() {
        return "cesql(" + text + ")";
    }
}
