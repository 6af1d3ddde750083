package dev.kinetic.eventing.broker.controller.admission;

import static dev.kinetic.api.admission.AdmissionResponses.allow;
import static dev.kinetic.api.admission.AdmissionResponses.allowPatched;
import static dev.kinetic.api.admission.AdmissionResponses.badRequest;
import static dev.kinetic.api.admission.AdmissionResponses.denial;
import static dev.kinetic.api.admission.AdmissionResponses.deny;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.AdmissionResponses;
import dev.kinetic.api.admission.AdmissionResponses.Reply;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.BrokerValidation;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.api.eventing.v1.TriggerValidation;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;

/**
 * Answers one {@code admission.k8s.io/v1} AdmissionReview for a Broker or a Trigger, as a mutating webhook that
 * also validates: the object is defaulted ({@link BrokerValidation#ADMISSION}, {@link TriggerValidation#ADMISSION})
 * and the defaulted object validated (against the defaulted old object on update, for immutable fields). Valid:
 * allowed with the defaults as a JSON Patch. Invalid: denied with every error, one status cause per field path.
 * Pure: a function of the request bytes and the configuration snapshot.
 *
 * @param <T> the kind
 */
public final class EventingAdmission<T> {
    /** Brokers: the class annotation defaults to {@code Kafka} and may not change. */
    public static final EventingAdmission<Broker> BROKERS =
            new EventingAdmission<>(Broker.class, "Broker", BrokerValidation.ADMISSION);

    /** Triggers: the broker defaults to {@code default} and may not change. */
    public static final EventingAdmission<Trigger> TRIGGERS =
            new EventingAdmission<>(Trigger.class, "Trigger", TriggerValidation.ADMISSION);

    private final Class<T> type;
    private final String kind;
    private final Admission<T> admission;

    private EventingAdmission(Class<T> type, String kind, Admission<T> admission) {
        this.type = type;
        this.kind = kind;
        this.admission = admission;
    }

    /** The answer to the AdmissionReview in {@code body}. Never throws: whatever goes wrong is a denial. */
    public Reply answer(byte[] body, ApiConfig config) {
        return AdmissionResponses.answer(body, (request, uid) -> answer(request, uid, config));
    }

    private AdmissionResponse answer(JsonNode request, String uid, ApiConfig config) {
        String operation = request.path("operation").asText("");
        if (!kind.equals(request.path("kind").path("kind").asText(""))
                || !(operation.equals("CREATE") || operation.equals("UPDATE"))) {
            return allow(uid);
        }
        T object;
        T old = null;
        try {
            object = Manifests.convert(request.path("object"), type);
            if (operation.equals("UPDATE")) {
                old = Manifests.convert(request.path("oldObject"), type);
            }
        } catch (IllegalArgumentException e) {
            return deny(uid, badRequest("cannot decode the " + kind + ": " + e.getMessage()));
        }
        JsonNode before = Manifests.canonical(Manifests.toTree(object));
        admission.setDefaults(object, config);
        Errors errors;
        if (old == null) {
            errors = admission.validate(object, config);
        } else {
            admission.setDefaults(old, config);
            errors = admission.validateUpdate(old, object, config);
        }
        if (!errors.isEmpty()) {
            return deny(uid, denial(errors));
        }
        return allowPatched(uid, before, Manifests.canonical(Manifests.toTree(object)));
    }
}
