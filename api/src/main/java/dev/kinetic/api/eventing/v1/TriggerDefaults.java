package dev.kinetic.api.eventing.v1;

import dev.kinetic.api.Knative;
import dev.kinetic.api.eventing.EventingDefaults;

/** Knative's defaults for a Trigger ({@code trigger_defaults.go}). No filter is added: no filter passes everything. */
public final class TriggerDefaults {
    private TriggerDefaults() {}

    /** The Broker a Trigger without one subscribes to. */
    public static final String DEFAULT_BROKER = "default";

    /** The label Knative puts on a Trigger naming its Broker, so Triggers can be listed by Broker. */
    public static void setDefaults(Trigger trigger) {
        if (trigger.getSpec() == null) {
            trigger.setSpec(new TriggerSpec());
        }
        TriggerSpec spec = trigger.getSpec();
        if ((spec.getBroker() == null || spec.getBroker().isEmpty()) && spec.getBrokerRef() == null) {
            spec.setBroker(DEFAULT_BROKER);
        }
        String namespace = EventingDefaults.namespaceOf(trigger);
        EventingDefaults.namespace(spec.getSubscriber(), namespace);
        EventingDefaults.namespace(spec.getDelivery(), namespace);
        if (spec.getBroker() != null && !spec.getBroker().isEmpty()) {
            EventingDefaults.label(trigger, Knative.BROKER_LABEL, spec.getBroker());
        }
    }
}
