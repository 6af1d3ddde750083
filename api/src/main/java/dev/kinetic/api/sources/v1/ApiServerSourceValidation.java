package dev.kinetic.api.sources.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import dev.kinetic.api.eventing.v1.FilterValidation;
import java.util.List;

/** Knative's validation of an ApiServerSource ({@code apiserver_validation.go}). */
public final class ApiServerSourceValidation {
    private ApiServerSourceValidation() {}

    public static final Admission<ApiServerSource> ADMISSION = PureAdmission.of(
            (source, config) -> ApiServerSourceDefaults.setDefaults(source), ApiServerSourceValidation::validate);

    /**
     * At least one resource, each with a well-formed apiVersion and a kind; a known mode; a well-formed owner;
     * valid selectors and filters; a valid sink.
     */
    public static Errors validate(ApiServerSource source) {
        ApiServerSourceSpec spec = source.getSpec() == null ? new ApiServerSourceSpec() : source.getSpec();
        return Errors.none().via("spec", validateSpec(spec));
    }

    private static Errors validateSpec(ApiServerSourceSpec spec) {
        Errors errors = Errors.none();
        String mode = spec.getMode();
        if (mode != null
                && !mode.equals(ApiServerSourceSpec.MODE_REFERENCE)
                && !mode.equals(ApiServerSourceSpec.MODE_RESOURCE)) {
            errors.add(FieldError.invalid(mode, "mode", "expected one of: Reference, Resource"));
        }
        errors.addAll(SourceValidation.validate(spec));
        List<APIVersionKindSelector> resources = spec.getResources();
        if (resources == null || resources.isEmpty()) {
            errors.add(FieldError.missing("resources"));
        } else {
            for (int i = 0; i < resources.size(); i++) {
                errors.via(Errors.index("resources", i), validate(resources.get(i)));
            }
        }
        if (spec.getOwner() != null) {
            errors.via(
                    "owner",
                    apiVersionKind(
                            spec.getOwner().getApiVersion(), spec.getOwner().getKind()));
        }
        errors.via("namespaceSelector", SourceValidation.validate(spec.getNamespaceSelector()));
        errors.via("filters", FilterValidation.validate(spec.getFilters()));
        return errors;
    }

    private static Errors validate(APIVersionKindSelector resource) {
        if (resource == null) {
            return Errors.none().add(FieldError.missing("apiVersion", "kind"));
        }
        return apiVersionKind(resource.getApiVersion(), resource.getKind())
                .via("selector", SourceValidation.validate(resource.getSelector()));
    }

    private static Errors apiVersionKind(String apiVersion, String kind) {
        Errors errors = Errors.none();
        if (EventingValidation.isBlank(apiVersion)) {
            errors.add(FieldError.missing("apiVersion"));
        } else if (!SourceValidation.isGroupVersion(apiVersion)) {
            errors.add(FieldError.invalid(apiVersion, "apiVersion", "expected <version> or <group>/<version>"));
        }
        if (EventingValidation.isBlank(kind)) {
            errors.add(FieldError.missing("kind"));
        }
        return errors;
    }
}
