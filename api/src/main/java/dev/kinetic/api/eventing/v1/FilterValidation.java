package dev.kinetic.api.eventing.v1;

import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import io.cloudevents.sql.ParseException;
import io.cloudevents.sql.Parser;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of event filters, shared by Trigger and ApiServerSource: the legacy attribute map and the Subscriptions
 * API dialects. Paths are relative to the validated value.
 */
public final class FilterValidation {
    private FilterValidation() {}

    /** CloudEvents attribute names as Knative accepts them in filters. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z][a-z0-9]*$");

    public static final String MULTIPLE_DIALECTS = "multiple dialects found, filters can have only one dialect set";

    private static final String ATTRIBUTE_NAME_RULE =
            "Attribute name must start with a letter and can only contain lowercase alphanumeric";

    /** The legacy {@code filter}: attribute names must be valid; an empty value means "any value". */
    public static Errors validate(TriggerFilter filter) {
        Errors errors = Errors.none();
        if (filter != null && filter.getAttributes() != null) {
            errors.via("attributes", attributeNames(filter.getAttributes()));
        }
        return errors;
    }

    /** A {@code filters} list: every element valid, paths {@code [i]…}. */
    public static Errors validate(List<SubscriptionsAPIFilter> filters) {
        Errors errors = Errors.none();
        if (filters != null) {
            for (int i = 0; i < filters.size(); i++) {
                errors.via(Errors.index("", i), validate(filters.get(i)));
            }
        }
        return errors;
    }

    /**
     * One Subscriptions API filter: at most one dialect; exact, prefix and suffix name at least one valid attribute
     * with a non-empty value; all and any hold at least one filter; nested filters valid; CESQL parses.
     */
    public static Errors validate(SubscriptionsAPIFilter filter) {
        Errors errors = Errors.none();
        if (filter == null) {
            return errors;
        }
        if (filter.dialects().size() > 1) {
            errors.add(FieldError.of(MULTIPLE_DIALECTS, ""));
        }
        attributeMatch(errors, "exact", filter.getExact());
        attributeMatch(errors, "prefix", filter.getPrefix());
        attributeMatch(errors, "suffix", filter.getSuffix());
        nested(errors, "all", filter.getAll());
        nested(errors, "any", filter.getAny());
        if (filter.getNot() != null) {
            errors.via("not", validate(filter.getNot()));
        }
        if (filter.getCesql() != null) {
            errors.via("cesql", cesql(filter.getCesql()));
        }
        return errors;
    }

    /** A CESQL expression must parse; the parser's message says where it does not. */
    public static Errors cesql(String expression) {
        Errors errors = Errors.none();
        if (expression.isBlank()) {
            return errors.add(FieldError.missing(""));
        }
        try {
            Parser.parseDefault(expression);
        } catch (ParseException e) {
            errors.add(FieldError.invalid(expression, "", e.getMessage()));
        }
        return errors;
    }

    private static void attributeMatch(Errors errors, String dialect, Map<String, String> attributes) {
        if (attributes == null) {
            return;
        }
        if (attributes.isEmpty()) {
            errors.add(FieldError.of("expected at least one attribute, got none", dialect));
            return;
        }
        errors.via(dialect, attributeNames(attributes));
        attributes.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
                errors.add(FieldError.of("expected a non-empty value", Errors.key(dialect, name)));
            }
        });
    }

    private static void nested(Errors errors, String dialect, List<SubscriptionsAPIFilter> filters) {
        if (filters == null) {
            return;
        }
        if (filters.isEmpty()) {
            errors.add(FieldError.of("expected at least one nested filter, got none", dialect));
            return;
        }
        errors.via(dialect, validate(filters));
    }

    private static Errors attributeNames(Map<String, String> attributes) {
        Errors errors = Errors.none();
        attributes.keySet().stream().sorted().forEach(name -> {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(new FieldError(
                        "invalid key name \"" + name + "\"", List.of(Errors.key("", name)), ATTRIBUTE_NAME_RULE));
            }
        });
        return errors;
    }
}
