package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.duck.v1.KReference;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import java.util.List;

/** Knative's validation of a Subscription ({@code subscription_validation.go}). */
public final class SubscriptionValidation {
    private SubscriptionValidation() {}

    public static final Admission<Subscription> ADMISSION = PureAdmission.of(
            (subscription, config) -> SubscriptionDefaults.setDefaults(subscription),
            SubscriptionValidation::validate,
            SubscriptionValidation::validateUpdate);

    /**
     * A complete channel reference without a namespace (cross-namespace links are not supported), at least one of
     * subscriber and reply, each a valid destination, and a valid delivery.
     */
    public static Errors validate(Subscription subscription) {
        Errors errors = Errors.none();
        SubscriptionSpec spec = subscription.getSpec() == null ? new SubscriptionSpec() : subscription.getSpec();
        if (isEmpty(spec.getChannel())) {
            errors.add(new FieldError(
                    "missing field(s)", List.of("spec.channel"), "the Subscription must reference a channel"));
        } else {
            errors.via("spec.channel", DuckValidation.validate(spec.getChannel()));
            if (!EventingValidation.isBlank(spec.getChannel().getNamespace())) {
                errors.add(new FieldError(
                        "must not set the field(s)",
                        List.of("spec.channel.namespace"),
                        "only name, apiVersion and kind are supported fields"));
            }
        }
        boolean noSubscriber = isEmpty(spec.getSubscriber());
        boolean noReply = isEmpty(spec.getReply());
        if (noSubscriber && noReply) {
            errors.add(new FieldError(
                    "missing field(s)",
                    List.of("spec.reply", "spec.subscriber"),
                    "the Subscription must reference at least one of (reply or a subscriber)"));
        }
        if (!noSubscriber) {
            errors.via("spec.subscriber", DuckValidation.validate(spec.getSubscriber()));
        }
        if (!noReply) {
            errors.via("spec.reply", DuckValidation.validate(spec.getReply()));
        }
        errors.via("spec.delivery", DuckValidation.validate(spec.getDelivery()));
        return errors;
    }

    /** The channel cannot change; subscriber, reply and delivery can. */
    public static Errors validateUpdate(Subscription previous, Subscription updated) {
        Errors errors = validate(updated);
        EventingValidation.immutable(errors, "spec.channel", channel(previous), channel(updated));
        return errors;
    }

    private static Object channel(Subscription subscription) {
        return subscription.getSpec() == null ? null : subscription.getSpec().getChannel();
    }

    private static boolean isEmpty(KReference ref) {
        return ref == null || new KReference().equals(ref);
    }

    private static boolean isEmpty(Destination destination) {
        return destination == null || new Destination().equals(destination);
    }
}
