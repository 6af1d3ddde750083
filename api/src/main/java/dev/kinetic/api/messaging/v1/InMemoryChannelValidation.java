package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.eventing.PureAdmission;

/** Knative's validation of an InMemoryChannel: the Channelable rules. */
public final class InMemoryChannelValidation {
    private InMemoryChannelValidation() {}

    public static final Admission<InMemoryChannel> ADMISSION = PureAdmission.of(
            (channel, config) -> InMemoryChannelDefaults.setDefaults(channel), InMemoryChannelValidation::validate);

    public static Errors validate(InMemoryChannel channel) {
        return Errors.none().via("spec", Channelables.validate(channel.getSpec()));
    }
}
