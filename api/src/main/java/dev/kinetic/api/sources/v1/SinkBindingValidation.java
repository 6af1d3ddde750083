package dev.kinetic.api.sources.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.EventingDefaults;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;

/** Knative's validation of a SinkBinding ({@code sinkbinding_validation.go}, {@code tracker.Reference}). */
public final class SinkBindingValidation {
    private SinkBindingValidation() {}

    public static final Admission<SinkBinding> ADMISSION = PureAdmission.of(
            (binding, config) -> SinkBindingDefaults.setDefaults(binding), SinkBindingValidation::validate);

    /**
     * A subject with apiVersion and kind, naming its objects by name or by selector (not both), in the binding's
     * namespace; a valid sink.
     */
    public static Errors validate(SinkBinding binding) {
        SinkBindingSpec spec = binding.getSpec() == null ? new SinkBindingSpec() : binding.getSpec();
        Errors errors = Errors.none();
        SubjectReference subject = spec.getSubject();
        if (subject == null) {
            errors.add(FieldError.missing("spec.subject"));
        } else {
            errors.via("spec.subject", validate(subject, EventingDefaults.namespaceOf(binding)));
        }
        errors.via("spec", SourceValidation.validate(spec));
        return errors;
    }

    private static Errors validate(SubjectReference subject, String namespace) {
        Errors errors = Errors.none();
        if (EventingValidation.isBlank(subject.getApiVersion())) {
            errors.add(FieldError.missing("apiVersion"));
        }
        if (EventingValidation.isBlank(subject.getKind())) {
            errors.add(FieldError.missing("kind"));
        }
        boolean hasName = !EventingValidation.isBlank(subject.getName());
        if (hasName && subject.getSelector() != null) {
            errors.add(FieldError.multipleOneOf("name", "selector"));
        } else if (!hasName && subject.getSelector() == null) {
            errors.add(FieldError.missingOneOf("name", "selector"));
        }
        errors.via("selector", SourceValidation.validate(subject.getSelector()));
        if (!EventingValidation.isBlank(subject.getNamespace())
                && !subject.getNamespace().equals(namespace)) {
            errors.add(FieldError.invalid(
                    subject.getNamespace(), "namespace", "the subject must be in the SinkBinding's namespace"));
        }
        return errors;
    }
}
