package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.eventing.EventingDefaults;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import java.util.List;

/** Knative's validation of a Trigger ({@code trigger_validation.go}). */
public final class TriggerValidation {
    private TriggerValidation() {}

    public static final Admission<Trigger> ADMISSION = PureAdmission.of(
            (trigger, config) -> TriggerDefaults.setDefaults(trigger),
            TriggerValidation::validate,
            TriggerValidation::validateUpdate);

    public static Errors validate(Trigger trigger) {
        Errors errors = Errors.none();
        TriggerSpec spec = trigger.getSpec() == null ? new TriggerSpec() : trigger.getSpec();
        errors.via("spec", validateSpec(spec, EventingDefaults.namespaceOf(trigger)));
        String dependency = EventingValidation.annotation(trigger, Knative.DEPENDENCY_ANNOTATION);
        if (dependency != null) {
            errors.via(
                    EventingValidation.annotationPath(Knative.DEPENDENCY_ANNOTATION),
                    dependency(dependency, EventingDefaults.namespaceOf(trigger)));
        }
        return errors;
    }

    /** The Broker cannot change: the Trigger's consumer group and status are tied to it. */
    public static Errors validateUpdate(Trigger previous, Trigger updated) {
        Errors errors = validate(updated);
        EventingValidation.immutable(errors, "spec.broker", broker(previous), broker(updated));
        EventingValidation.immutable(errors, "spec.brokerRef", brokerRef(previous), brokerRef(updated));
        return errors;
    }

    private static Errors validateSpec(TriggerSpec spec, String namespace) {
        Errors errors = Errors.none();
        boolean hasBroker = !EventingValidation.isBlank(spec.getBroker());
        if (hasBroker && spec.getBrokerRef() != null) {
            errors.add(FieldError.multipleOneOf("broker", "brokerRef"));
        } else if (!hasBroker && spec.getBrokerRef() == null) {
            errors.add(FieldError.missingOneOf("broker", "brokerRef"));
        }
        if (spec.getBrokerRef() != null) {
            errors.via("brokerRef", DuckValidation.validate(spec.getBrokerRef()));
            String refNamespace = spec.getBrokerRef().getNamespace();
            if (!EventingValidation.isBlank(refNamespace) && !refNamespace.equals(namespace)) {
                errors.add(new FieldError(
                        "must not set the field(s)",
                        List.of("brokerRef.namespace"),
                        "a Trigger can only subscribe to a Broker in its own namespace"));
            }
        }
        errors.via("filter", FilterValidation.validate(spec.getFilter()));
        errors.via("filters", FilterValidation.validate(spec.getFilters()));
        errors.via("subscriber", DuckValidation.validate(spec.getSubscriber()));
        errors.via("delivery", DuckValidation.validate(spec.getDelivery()));
        return errors;
    }

    /** The dependency annotation holds a JSON object reference to a source in the Trigger's namespace. */
    private static Errors dependency(String annotation, String namespace) {
        Errors errors = Errors.none();
        JsonNode ref;
        try {
            ref = Manifests.json().readTree(annotation);
        } catch (JsonProcessingException e) {
            ref = null;
        }
        if (ref == null || !ref.isObject()) {
            return errors.add(new FieldError(
                    "The provided annotation was not a corev1.ObjectReference: \"" + annotation + "\"",
                    List.of(""),
                    "expected a JSON object with kind, name and apiVersion"));
        }
        String refNamespace = ref.path("namespace").asText("");
        if (!refNamespace.isEmpty() && !refNamespace.equals(namespace)) {
            errors.add(FieldError.of(
                    "Namespace must be empty or equal to the trigger namespace \"" + namespace + "\"", "namespace"));
        }
        for (String field : List.of("kind", "name", "apiVersion")) {
            if (ref.path(field).asText("").isEmpty()) {
                errors.add(FieldError.missing(field));
            }
        }
        return errors;
    }

    private static String broker(Trigger trigger) {
        return trigger.getSpec() == null ? null : trigger.getSpec().getBroker();
    }

    private static Object brokerRef(Trigger trigger) {
        return trigger.getSpec() == null ? null : trigger.getSpec().getBrokerRef();
    }
}
