package dev.kinetic.api.sources.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;

/** Knative's validation of a ContainerSource ({@code container_validation.go}). */
public final class ContainerSourceValidation {
    private ContainerSourceValidation() {}

    public static final Admission<ContainerSource> ADMISSION = PureAdmission.of(
            (source, config) -> ContainerSourceDefaults.setDefaults(source), ContainerSourceValidation::validate);

    private static final String CONTAINERS = "template.spec.containers";

    /** At least one container, each with a name and an image; a valid sink. */
    public static Errors validate(ContainerSource source) {
        ContainerSourceSpec spec = source.getSpec() == null ? new ContainerSourceSpec() : source.getSpec();
        Errors errors = Errors.none();
        List<Container> containers =
                spec.getTemplate() == null || spec.getTemplate().getSpec() == null
                        ? null
                        : spec.getTemplate().getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            errors.add(FieldError.missing(CONTAINERS));
        } else {
            for (int i = 0; i < containers.size(); i++) {
                Container container = containers.get(i) == null ? new Container() : containers.get(i);
                if (EventingValidation.isBlank(container.getName())) {
                    errors.add(FieldError.missing(Errors.index(CONTAINERS, i) + ".name"));
                }
                if (EventingValidation.isBlank(container.getImage())) {
                    errors.add(FieldError.missing(Errors.index(CONTAINERS, i) + ".image"));
                }
            }
        }
        errors.addAll(SourceValidation.validate(spec));
        return Errors.none().via("spec", errors);
    }
}
