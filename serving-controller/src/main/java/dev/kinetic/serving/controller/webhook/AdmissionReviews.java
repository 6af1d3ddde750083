package dev.kinetic.serving.controller.webhook;

import static dev.kinetic.api.admission.AdmissionResponses.allow;
import static dev.kinetic.api.admission.AdmissionResponses.allowPatched;
import static dev.kinetic.api.admission.AdmissionResponses.badRequest;
import static dev.kinetic.api.admission.AdmissionResponses.denial;
import static dev.kinetic.api.admission.AdmissionResponses.deny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.KindInfo;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.AdmissionResponses;
import dev.kinetic.api.admission.AdmissionResponses.Reply;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.client.CustomResource;
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

    private static final Set<Class<?>> USER_INFO_KINDS = Set.of(Service.class, Configuration.class, Route.class);

    private AdmissionReviews() {}

    /** Which of the two webhooks is asked. */
    public enum Mode {
        /** The mutating webhook: Knative's defaults and user annotations, as a JSON Patch. */
        DEFAULTING,
        /** The validating webhook: every error, or allowed. */
        VALIDATION
    }

    /** The answer to the AdmissionReview in {@code body}. Never throws: whatever goes wrong is a denial. */
    public static Reply answer(Mode mode, byte[] body, ApiConfig config) {
        return AdmissionResponses.answer(body, (request, uid) -> answer(mode, request, uid, config));
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
        return allowPatched(uid, before, Manifests.canonical(Manifests.toTree(object)));
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
}
