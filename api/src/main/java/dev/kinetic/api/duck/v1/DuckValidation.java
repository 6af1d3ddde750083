package dev.kinetic.api.duck.v1;

import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Validation of the duck types every group shares. Pure functions returning every error with its path relative to
 * the validated value; callers add their own prefix with {@link Errors#via}.
 */
public final class DuckValidation {
    private DuckValidation() {}

    /** A reference must name its apiVersion, kind and name. */
    public static Errors validate(KReference ref) {
        Errors errors = Errors.none();
        if (ref == null) {
            return errors.add(FieldError.missing(""));
        }
        if (isBlank(ref.getName())) {
            errors.add(FieldError.missing("name"));
        }
        if (isBlank(ref.getApiVersion()) && isBlank(ref.getGroup())) {
            errors.add(FieldError.missing("apiVersion"));
        }
        if (isBlank(ref.getKind())) {
            errors.add(FieldError.missing("kind"));
        }
        return errors;
    }

    /**
     * A destination needs a ref or a uri; a uri alone must be absolute, a uri beside a ref must be relative (it is
     * resolved against the ref's address).
     */
    public static Errors validate(Destination destination) {
        Errors errors = Errors.none();
        if (destination == null || (destination.getRef() == null && isBlank(destination.getUri()))) {
            return errors.add(FieldError.of("expected at least one, got none", "ref", "uri"));
        }
        if (destination.getRef() != null) {
            errors.via("ref", validate(destination.getRef()));
        }
        if (!isBlank(destination.getUri())) {
            Optional<URI> uri = parseUri(destination.getUri());
            if (uri.isEmpty()) {
                errors.add(FieldError.invalid(destination.getUri(), "uri"));
            } else if (destination.getRef() == null && !uri.get().isAbsolute()) {
                errors.add(FieldError.of(
                        "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent", "uri"));
            } else if (destination.getRef() != null && uri.get().isAbsolute()) {
                errors.add(FieldError.of(
                        "Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present", "uri"));
            }
        }
        if (destination.getCaCerts() != null && !destination.getCaCerts().contains("-----BEGIN CERTIFICATE-----")) {
            errors.add(FieldError.invalid("not a PEM certificate", "CACerts"));
        }
        return errors;
    }

    /** Retries, backoff, timeouts and format of a delivery spec, and its dead-letter sink. */
    public static Errors validate(DeliverySpec delivery) {
        Errors errors = Errors.none();
        if (delivery == null) {
            return errors;
        }
        if (delivery.getDeadLetterSink() != null) {
            errors.via("deadLetterSink", validate(delivery.getDeadLetterSink()));
        }
        if (delivery.getRetry() != null && delivery.getRetry() < 0) {
            errors.add(FieldError.invalid(delivery.getRetry(), "retry", "retry must be zero or more"));
        }
        String policy = delivery.getBackoffPolicy();
        if (policy != null
                && !policy.equals(DeliverySpec.BACKOFF_LINEAR)
                && !policy.equals(DeliverySpec.BACKOFF_EXPONENTIAL)) {
            errors.add(FieldError.invalid(policy, "backoffPolicy", "expected one of: linear, exponential"));
        }
        checkDuration(errors, delivery.getBackoffDelay(), "backoffDelay", false);
        checkDuration(errors, delivery.getTimeout(), "timeout", true);
        checkDuration(errors, delivery.getRetryAfterMax(), "retryAfterMax", false);
        String format = delivery.getFormat();
        if (format != null && !format.equals(DeliverySpec.FORMAT_JSON) && !format.equals(DeliverySpec.FORMAT_BINARY)) {
            errors.add(FieldError.invalid(format, "format", "expected one of: json, binary"));
        }
        return errors;
    }

    private static void checkDuration(Errors errors, String value, String path, boolean mustBePositive) {
        if (value == null) {
            return;
        }
        Optional<Duration> d = Durations.parseIso8601(value);
        if (d.isEmpty()) {
            errors.add(FieldError.invalid(value, path, "expected an ISO-8601 duration such as PT0.5S"));
        } else if (d.get().isNegative() || (mustBePositive && d.get().isZero())) {
            errors.add(FieldError.invalid(
                    value, path, mustBePositive ? "must be greater than zero" : "must not be negative"));
        }
    }

    public static Optional<URI> parseUri(String text) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
