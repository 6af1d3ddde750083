package dev.kinetic.api.sources.v1;

import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.CloudEventOverrides;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.duck.v1.SourceSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation every source shares. Paths are relative to the source's spec. */
public final class SourceValidation {
    private SourceValidation() {}

    private static final Pattern EXTENSION_NAME = Pattern.compile("^[a-z0-9]+$");
    private static final Pattern GROUP_VERSION = Pattern.compile("^([^/\\s]+/)?[^/\\s]+$");
    private static final Set<String> SELECTOR_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    /** A sink is required and must be a valid destination; CloudEvent extension names are lowercase alphanumeric. */
    public static Errors validate(SourceSpec spec) {
        Errors errors = Errors.none();
        errors.via("sink", DuckValidation.validate(spec.getSink()));
        CloudEventOverrides overrides = spec.getCeOverrides();
        if (overrides != null && overrides.getExtensions() != null) {
            overrides.getExtensions().keySet().stream().sorted().forEach(name -> {
                if (!EXTENSION_NAME.matcher(name).matches()) {
                    errors.add(new FieldError(
                            "invalid key name \"" + name + "\"",
                            List.of(Errors.key("ceOverrides.extensions", name)),
                            "keys are expected to be alphanumeric"));
                }
            });
        }
        return errors;
    }

    /** An apiVersion is {@code version} or {@code group/version}. */
    public static boolean isGroupVersion(String apiVersion) {
        return apiVersion != null && GROUP_VERSION.matcher(apiVersion).matches();
    }

    /** Every requirement has a key and a known operator, with values exactly when the operator takes them. */
    public static Errors validate(LabelSelector selector) {
        Errors errors = Errors.none();
        if (selector == null || selector.getMatchExpressions() == null) {
            return errors;
        }
        List<LabelSelectorRequirement> requirements = selector.getMatchExpressions();
        for (int i = 0; i < requirements.size(); i++) {
            errors.via(Errors.index("matchExpressions", i), validate(requirements.get(i)));
        }
        return errors;
    }

    private static Errors validate(LabelSelectorRequirement requirement) {
        Errors errors = Errors.none();
        if (requirement.getKey() == null || requirement.getKey().isBlank()) {
            errors.add(FieldError.missing("key"));
        }
        String operator = requirement.getOperator();
        if (!SELECTOR_OPERATORS.contains(operator)) {
            errors.add(FieldError.invalid(operator, "operator", "expected one of: In, NotIn, Exists, DoesNotExist"));
            return errors;
        }
        boolean hasValues =
                requirement.getValues() != null && !requirement.getValues().isEmpty();
        boolean needsValues = operator.equals("In") || operator.equals("NotIn");
        if (needsValues && !hasValues) {
            errors.add(
                    new FieldError("missing field(s)", List.of("values"), "values must be non-empty for In and NotIn"));
        } else if (!needsValues && hasValues) {
            errors.add(new FieldError(
                    "must not set the field(s)",
                    List.of("values"),
                    "values must be empty for Exists and DoesNotExist"));
        }
        return errors;
    }
}
