package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.eventing.EventingDefaults;
import dev.kinetic.api.eventing.EventingValidation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** Defaulting and validation every channel kind shares (the Channelable duck type). */
public final class Channelables {
    private Channelables() {}

    /** Tells duck-typed readers which Subscribable shape this channel's spec has (Knative sets it on every channel). */
    public static final String SUBSCRIBABLE_DUCK_VERSION = "v1";

    /** Marks the duck version and points the dead-letter sink reference into the channel's namespace. */
    public static void setDefaults(HasMetadata channel, ChannelableSpec spec) {
        EventingDefaults.annotateIfAbsent(
                channel, Knative.SUBSCRIBABLE_DUCK_VERSION_ANNOTATION, SUBSCRIBABLE_DUCK_VERSION);
        if (spec != null) {
            EventingDefaults.namespace(spec.getDelivery(), EventingDefaults.namespaceOf(channel));
        }
    }

    /** Subscribers with somewhere to send (a subscriber or a reply URI) and valid delivery; the channel's delivery. */
    public static Errors validate(ChannelableSpec spec) {
        Errors errors = Errors.none();
        if (spec == null) {
            return errors;
        }
        List<SubscriberSpec> subscribers = spec.getSubscribers();
        if (subscribers != null) {
            for (int i = 0; i < subscribers.size(); i++) {
                errors.via(Errors.index("subscribers", i), validate(subscribers.get(i)));
            }
        }
        errors.via("delivery", DuckValidation.validate(spec.getDelivery()));
        return errors;
    }

    private static Errors validate(SubscriberSpec subscriber) {
        Errors errors = Errors.none();
        if (subscriber == null
                || (EventingValidation.isBlank(subscriber.getSubscriberUri())
                        && EventingValidation.isBlank(subscriber.getReplyUri()))) {
            return errors.add(FieldError.of("expected at least one, got none", "subscriberUri", "replyUri"));
        }
        return errors.via("delivery", DuckValidation.validate(subscriber.getDelivery()));
    }
}
