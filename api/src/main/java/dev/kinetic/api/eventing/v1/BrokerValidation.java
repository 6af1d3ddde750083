package dev.kinetic.api.eventing.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;

/** Knative's validation of a Broker ({@code broker_validation.go}). */
public final class BrokerValidation {
    private BrokerValidation() {}

    public static final Admission<Broker> ADMISSION = PureAdmission.of(
            (broker, config) -> BrokerDefaults.setDefaults(broker, config.eventing()),
            BrokerValidation::validate,
            BrokerValidation::validateUpdate);

    /** The class annotation is set, {@code spec.config} is a complete reference, the delivery is valid. */
    public static Errors validate(Broker broker) {
        Errors errors = Errors.none();
        if (EventingValidation.isBlank(broker.brokerClass())) {
            errors.add(FieldError.missing(EventingValidation.annotationPath(Knative.BROKER_CLASS_ANNOTATION)));
        }
        BrokerSpec spec = broker.getSpec();
        if (spec != null) {
            if (spec.getConfig() != null) {
                errors.via("spec.config", DuckValidation.validate(spec.getConfig()));
            }
            errors.via("spec.delivery", DuckValidation.validate(spec.getDelivery()));
        }
        return errors;
    }

    /** Everything but {@code spec.delivery} is immutable, the class annotation included. */
    public static Errors validateUpdate(Broker previous, Broker updated) {
        Errors errors = validate(updated);
        EventingValidation.immutable(
                errors,
                EventingValidation.annotationPath(Knative.BROKER_CLASS_ANNOTATION),
                previous.brokerClass(),
                updated.brokerClass());
        EventingValidation.immutable(errors, "spec.config", config(previous), config(updated));
        return errors;
    }

    private static Object config(Broker broker) {
        return broker.getSpec() == null ? null : broker.getSpec().getConfig();
    }
}
