package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.eventing.EventingDefaults;
import dev.kinetic.api.eventing.config.EventingConfig;

/** Knative's defaults for a Channel ({@code channel_defaults.go}): the backing channel from {@code default-ch-webhook}. */
public final class ChannelDefaults {
    private ChannelDefaults() {}

    public static void setDefaults(Channel channel, EventingConfig config) {
        if (channel.getSpec() == null) {
            channel.setSpec(new ChannelSpec());
        }
        ChannelSpec spec = channel.getSpec();
        if (spec.getChannelTemplate() == null) {
            EventingConfig.ChannelDefault template = config.channelDefault(EventingDefaults.namespaceOf(channel));
            if (template != null) {
                spec.setChannelTemplate(new ChannelTemplateSpec()
                        .setApiVersion(template.apiVersion())
                        .setKind(template.kind())
                        .setSpec(template.specCopy()));
            }
        }
        Channelables.setDefaults(channel, spec);
    }
}
