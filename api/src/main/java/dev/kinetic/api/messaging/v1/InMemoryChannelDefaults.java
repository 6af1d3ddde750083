package dev.kinetic.api.messaging.v1;

/** Knative's defaults for an InMemoryChannel: the duck version annotation and reference namespaces. */
public final class InMemoryChannelDefaults {
    private InMemoryChannelDefaults() {}

    public static void setDefaults(InMemoryChannel channel) {
        Channelables.setDefaults(channel, channel.getSpec());
    }
}
