package dev.kinetic.eventing.broker.controller.delivery;

import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link DeliverySpec} as the data plane reads it: ISO-8601 durations in milliseconds, the sink as a URL. */
public final class EgressConfigs {
    private EgressConfigs() {}

    /**
     * The outcome: a config, or every problem found, each naming its field.
     *
     * @param config present exactly when {@code errors} is empty
     * @param errors one message per problem
     */
    public record Result(Optional<EgressConfig> config, List<String> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public String message() {
            return String.join("; ", errors);
        }
    }

    /**
     * The delivery that applies to a Trigger: its own when it has one, else its Broker's (Knative takes the whole
     * spec, not field by field).
     */
    public static DeliverySpec effective(DeliverySpec trigger, DeliverySpec broker) {
        return trigger != null ? trigger : broker;
    }

    /**
     * Translates {@code delivery}.
     *
     * @param delivery the delivery, or null for none ({@link EgressConfig#NONE} with the dead letter)
     * @param deadLetter the dead-letter sink's resolved URL, or null
     */
    public static Result from(DeliverySpec delivery, String deadLetter) {
        if (delivery == null) {
            return ok(new EgressConfig(deadLetter, 0, BackoffPolicy.EXPONENTIAL, 0, 0, null, null));
        }
        List<String> errors = new ArrayList<>();
        int retry = delivery.getRetry() == null ? 0 : delivery.getRetry();
        if (retry < 0) {
            errors.add("retry must not be negative, got " + retry);
        }
        BackoffPolicy policy = BackoffPolicy.EXPONENTIAL;
        if (delivery.getBackoffPolicy() != null) {
            switch (delivery.getBackoffPolicy()) {
                case DeliverySpec.BACKOFF_LINEAR -> policy = BackoffPolicy.LINEAR;
                case DeliverySpec.BACKOFF_EXPONENTIAL -> policy = BackoffPolicy.EXPONENTIAL;
                default ->
                    errors.add(
                            "backoffPolicy must be linear or exponential, got \"" + delivery.getBackoffPolicy() + "\"");
            }
        }
        Long backoffDelay = millis("backoffDelay", delivery.getBackoffDelay(), false, errors);
        Long timeout = millis("timeout", delivery.getTimeout(), true, errors);
        Long retryAfterMax = millis("retryAfterMax", delivery.getRetryAfterMax(), false, errors);
        String format = delivery.getFormat();
        if (format != null && !format.equals(DeliverySpec.FORMAT_JSON) && !format.equals(DeliverySpec.FORMAT_BINARY)) {
            errors.add("format must be json or binary, got \"" + format + "\"");
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return ok(new EgressConfig(
                deadLetter,
                retry,
                policy,
                backoffDelay == null ? 0 : backoffDelay,
                timeout == null ? 0 : timeout,
                retryAfterMax,
                format));
    }

    /** An ISO-8601 duration in milliseconds, or null when absent. */
    private static Long millis(String field, String iso, boolean positive, List<String> errors) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        Duration duration;
        try {
            duration = Duration.parse(iso.trim());
        } catch (DateTimeParseException e) {
            errors.add(field + " must be an ISO-8601 duration such as PT0.2S, got \"" + iso + "\"");
            return null;
        }
        if (duration.isNegative() || (positive && duration.isZero())) {
            errors.add(field + " must be " + (positive ? "positive" : "zero or more") + ", got " + iso);
            return null;
        }
        return duration.toMillis();
    }

    private static Result ok(EgressConfig config) {
        return new Result(Optional.of(config), List.of());
    }
}
