package dev.kinetic.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
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
 * Reading and answering {@code admission.k8s.io/v1} AdmissionReviews, for the serving and the eventing webhooks:
 * what to do with a review's request is the caller's {@link Decision}; everything around it (decoding, the response
 * review, denials in Knative's form, the JSON Patch of a defaulted object, never throwing) is here.
 */
public final class AdmissionResponses {
    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String JSON_PATCH = "JSONPatch";

    private AdmissionResponses() {}

    /**
     * What to send back.
     *
     * @param httpStatus 200 for any review that could be read (even a denial), 400 for a body that is none
     * @param review the response review
     */
    public record Reply(int httpStatus, AdmissionReview review) {}

    /** The decision on one readable review request. */
    @FunctionalInterface
    public interface Decision {
        /**
         * @param request the review's {@code request} object
         * @param uid the request's uid, to echo in the response
         */
        AdmissionResponse decide(JsonNode request, String uid);
    }

    /**
     * The answer to the AdmissionReview in {@code body}. Never throws: an unreadable body is a 400 denial, and an
     * exception from {@code decision} (a bug of ours) is a denial, so no unchecked object gets in.
     */
    public static Reply answer(byte[] body, Decision decision) {
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
            return new Reply(200, review(decision.decide(request, uid)));
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

    /**
     * Knative's denial: message {@code validation failed: } followed by every error as {@code message: path}, and
     * one status cause per failing field so API clients need not parse the message.
     */
    public static Status denial(Errors errors) {
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

    /** A 400 status with this message. */
    public static Status badRequest(String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(400)
                .withReason("BadRequest")
                .withMessage(message)
                .build();
    }

    /** Allowed as is. */
    public static AdmissionResponse allow(String uid) {
        return new AdmissionResponseBuilder().withUid(uid).withAllowed(true).build();
    }

    /**
     * Allowed, with the JSON Patch that turns {@code before} into {@code after} (canonical manifests) when they
     * differ.
     */
    public static AdmissionResponse allowPatched(String uid, JsonNode before, JsonNode after) {
        ArrayNode patch = JsonPatch.diff(before, after);
        AdmissionResponse response = allow(uid);
        if (!patch.isEmpty()) {
            response.setPatchType(JSON_PATCH);
            response.setPatch(
                    Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    /** Denied with this status. */
    public static AdmissionResponse deny(String uid, Status status) {
        return new AdmissionResponseBuilder()
                .withUid(uid)
                .withAllowed(false)
                .withStatus(status)
                .build();
    }

    /** The response review around a response. */
    public static AdmissionReview review(AdmissionResponse response) {
        return new AdmissionReviewBuilder()
                .withApiVersion(API_VERSION)
                .withKind("AdmissionReview")
                .withResponse(response)
                .build();
    }
}
