package dev.kinetic.serving.controller.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.KindInfo;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers one {@code admission.k8s.io/v1} AdmissionReview for the serving kinds: Knative's defaulting as a JSON
 * Patch, or its validation as a denial naming every failing field. Pure: a function of the request bytes and the
 * configuration snapshot, cheap enough to run on an event loop.
 */
public final class AdmissionReviews {
    /** The API groups whose kinds this webhook admits; any other kind is allowed untouched. */
    public static final Set<String> GROUPS =
            Set.of(Knative.SERVING_GROUP, Knative.AUTOSCALING_INTERNAL_GROUP, Knative.NETWORKING_INTERNAL_GROUP);

    static final String API_VERSION = "admission.k8s.io/v1";
    static final String JSON_PATCH = "JSONPatch";
    private static final Set<Class<?>> USER_INFO_KINDS = Set.of(Service.class, Configuration.class, Route.class);

    private AdmissionReviews() {}

    /** Which of the two webhooks is asked. */
    public enum Mode {
        /** The mutating webhook: Knative's defaults and user annotations, as a JSON Patch. */
        DEFAULTING,
        /** The validating webhook: every error, or allowed. */
        VALIDATION
    }

    /**
     * What to send back.
     *
     * @param httpStatus 200 for any review that could be read (even a denial), 400 for a body that is none
     * @param review the response review
     */
    public record Reply(int httpStatus, AdmissionReview review) {}

    /** The answer to the AdmissionReview in {@code body}. Never throws: whatever goes wrong is a denial. */
    public static Reply answer(Mode mode, byte[] body, ApiConfig config) {
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
            return new Reply(200, review(answer(mode, request, uid, config)));
        } catch (RuntimeException e) {
            // A bug of ours must not let an unchecked object in, nor crash the server.
            Status status = new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(500)
                    .withReason("InternalError")
                    .withMessage("internal error admitting the object: " + e)
                    .build();
            return new Reply(200, review(deny(uid, status)));
        }
    }

    private static AdmissionResponse answer(Mode mode, JsonNode request, String uid, ApiConfig config) {
        Optional<KindInfo> kind = admittedKind(request.path("kind"));
        String operation = request.path("operation").asText("");
        if (kind.isEmpty() || !(operation.equals("CREATE") || operation.equals("UPDATE"))) {
            return allow(uid);
        }
        CustomResource<?, ?> object;
        CustomResource<?, ?> old = null;
        try {
            object = Manifests.fromTree(request.path("object"));
        } catch (IllegalArgumentException e) {
            return deny(uid, decodingFailure(e, "new"));
        }
        if (operation.equals("UPDATE")) {
            try {
                old = Manifests.fromTree(request.path("oldObject"));
            } catch (IllegalArgumentException e) {
                return deny(uid, decodingFailure(e, "old"));
            }
        }
        return mode == Mode.DEFAULTING
                ? defaulting(
                        uid,
                        kind.get(),
                        object,
                        old,
                        request.path("userInfo").path("username").asText(""),
                        config)
                : validation(uid, kind.get(), object, old, config);
    }

    static Optional<KindInfo> admittedKind(JsonNode gvk) {
        String group = gvk.path("group").asText("");
        if (!GROUPS.contains(group)) {
            return Optional.empty();
        }
        return KineticKinds.find(
                group + "/" + gvk.path("version").asText(""), gvk.path("kind").asText(""));
    }

    private static AdmissionResponse defaulting(
            String uid,
            KindInfo kind,
            CustomResource<?, ?> object,
            CustomResource<?, ?> old,
            String username,
            ApiConfig config) {
        JsonNode before = Manifests.canonical(Manifests.toTree(object));
        Admission.setDefaultsAny(kind, object, config);
        if (USER_INFO_KINDS.contains(kind.type()) && !username.isEmpty()) {
            setUserInfo(kind, object, old, username, config);
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

    /**
     * Knative's user annotations: on create the requester is creator and last modifier; on update the requester
     * becomes last modifier only if the (defaulted) spec changed, so metadata-only edits keep the previous one.
     */
    private static void setUserInfo(
            KindInfo kind, CustomResource<?, ?> object, CustomResource<?, ?> old, String username, ApiConfig config) {
        if (old != null) {
            Admission.setDefaultsAny(kind, old, config);
            if (Manifests.toTree(old.getSpec()).equals(Manifests.toTree(object.getSpec()))) {
                return;
            }
        }
        ObjectMeta meta = object.getMetadata();
        Map<String, String> annotations =
                meta.getAnnotations() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(meta.getAnnotations());
        if (old == null) {
            annotations.put(Knative.CREATOR_ANNOTATION, username);
        }
        annotations.put(Knative.UPDATER_ANNOTATION, username);
        meta.setAnnotations(annotations);
    }

    private static AdmissionResponse validation(
            String uid, KindInfo kind, CustomResource<?, ?> object, CustomResource<?, ?> old, ApiConfig config) {
        Errors errors = old == null
                ? Admission.validateAny(kind, object, config)
                : Admission.validateUpdateAny(kind, old, object, config);
        return errors.isEmpty() ? allow(uid) : deny(uid, denial(errors));
    }

    /**
     * Knative's denial: message {@code validation failed: } followed by every error as {@code message: path}, and
     * one status cause per failing field so API clients need not parse the message.
     */
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

    /** A manifest the model cannot read (unknown field, wrong type): denied, naming the field when Jackson knows it. */
    private static Status decodingFailure(IllegalArgumentException e, String which) {
        Status status = badRequest("cannot decode incoming " + which + " object: " + e.getMessage());
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            status.setDetails(new StatusDetailsBuilder()
                    .addNewCause()
                    .withField(fieldPath(mapping.getPath()))
                    .withMessage(mapping.getOriginalMessage())
                    .withReason("FieldValueInvalid")
                    .endCause()
                    .build());
        } else if (e.getCause() instanceof JsonProcessingException processing) {
            status.setMessage("cannot decode incoming " + which + " object: " + processing.getOriginalMessage());
        }
        return status;
    }

    static String fieldPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
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
