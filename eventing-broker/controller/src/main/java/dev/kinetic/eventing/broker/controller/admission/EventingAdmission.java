package dev.kinetic.eventing.broker.controller.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.BrokerValidation;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.api.eventing.v1.TriggerValidation;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
    static final String API_VERSION = "admission.k8s.io/v1";
    static final String JSON_PATCH = "JSONPatch";

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

    /**
     * What to send back.
     *
     * @param httpStatus 200 for any review that could be read (even a denial), 400 for a body that is none
     * @param review the response review
     */
    public record Reply(int httpStatus, AdmissionReview review) {}

    /** The answer to the AdmissionReview in {@code body}. Never throws: whatever goes wrong is a denial. */
    public Reply answer(byte[] body, ApiConfig config) {
        JsonNode request;
        try {
            request = Manifests.json().readTree(body).path("request");
        } catch (IOException e) {
            return new Reply(
                    400, review(deny("", badRequest("could not decode the AdmissionReview: " + e.getMessage()))));
        }
        if (!request.isObject()) {
            return new Reply(400, review(deny("", badRequest("the AdmissionReview has no request"))));
        }
        String uid = request.path("uid").asText("");
        try {
            return new Reply(200, review(answer(request, uid, config)));
        } catch (RuntimeException e) {
            Status status = new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(500)
                    .withReason("InternalError")
                    .withMessage("internal error admitting the object: " + e)
                    .build();
            return new Reply(200, review(deny(uid, status)));
        }
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
        ArrayNode patch = JsonPatch.diff(before, Manifests.canonical(Manifests.toTree(object)));
        AdmissionResponse response = allow(uid);
        if (!patch.isEmpty()) {
            response.setPatchType(JSON_PATCH);
            response.setPatch(
                    Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    /** {@code validation failed: } and every error, plus one status cause per failing field path. */
    static Status denial(Errors errors) {
        List<StatusCause> causes = new ArrayList<>();
        for (FieldError error : errors.list()) {
            String message = error.details().isEmpty() ? error.message() : error.message() + "\n" + error.details();
            if (error.paths().isEmpty()) {
                causes.add(new StatusCause(null, message, "FieldValueInvalid"));
            }
            for (String path : error.paths()) {
                causes.add(new StatusCause(path, message, "FieldValueInvalid"));
            }
        }
        Status status = badRequest("validation failed: " + errors);
        status.setDetails(new StatusDetailsBuilder().withCauses(causes).build());
        return status;
    }

    private static Status badRequest(String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(400)
                .withReason("BadRequest")
                .withMessage(message)
                .build();
    }

    private static AdmissionResponse allow(String uid) {
        return new AdmissionResponseBuilder().withUid(uid).withAllowed(true).build();
    }

    private static AdmissionResponse deny(String uid, Status status) {
        return new AdmissionResponseBuilder()
                .withUid(uid)
                .withAllowed(false)
                .withStatus(status)
                .build();
    }

    private static AdmissionReview review(AdmissionResponse response) {
        return new AdmissionReviewBuilder()
                .withApiVersion(API_VERSION)
                .withKind("AdmissionReview")
                .withResponse(response)
                .build();
    }
}
