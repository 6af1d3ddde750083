package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import java.util.List;

/** Knative's validation of a Channel ({@code channel_validation.go}). */
public final class ChannelValidation {
    private ChannelValidation() {}

    public static final Admission<Channel> ADMISSION = PureAdmission.of(
            (channel, config) -> ChannelDefaults.setDefaults(channel, config.eventing()),
            ChannelValidation::validate,
            ChannelValidation::validateUpdate);

    /**
     * A channel template naming apiVersion and kind, valid delivery, and no subscribers: Subscriptions to a Channel
     * are written into its backing channel, never into the Channel itself.
     */
    public static Errors validate(Channel channel) {
        Errors errors = Errors.none();
        ChannelSpec spec = channel.getSpec() == null ? new ChannelSpec() : channel.getSpec();
        ChannelTemplateSpec template = spec.getChannelTemplate();
        if (template == null) {
            errors.add(FieldError.missing("spec.channelTemplate"));
        } else {
            if (EventingValidation.isBlank(template.getApiVersion())) {
                errors.add(FieldError.missing("spec.channelTemplate.apiVersion"));
            }
            if (EventingValidation.isBlank(template.getKind())) {
                errors.add(FieldError.missing("spec.channelTemplate.kind"));
            }
        }
        if (spec.getSubscribers() != null && !spec.getSubscribers().isEmpty()) {
            errors.add(new FieldError(
                    "must not set the field(s)",
                    List.of("spec.subscribers"),
                    "Subscriptions are added to the backing channel"));
        }
        errors.via("spec.delivery", DuckValidation.validate(spec.getDelivery()));
        return errors;
    }

    /** The backing channel cannot change kind or spec. */
    public static Errors validateUpdate(Channel previous, Channel updated) {
        Errors errors = validate(updated);
        EventingValidation.immutable(errors, "spec.channelTemplate", template(previous), template(updated));
        return errors;
    }

    private static Object template(Channel channel) {
        return channel.getSpec() == null ? null : channel.getSpec().getChannelTemplate();
    }
}
