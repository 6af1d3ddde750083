package dev.kinetic.api.eventing.v1;

import dev.kinetic.api.Knative;
import dev.kinetic.api.eventing.EventingDefaults;
import dev.kinetic.api.eventing.config.EventingConfig;

/** Knative's defaults for a Broker ({@code broker_defaults.go}), read from {@code config-br-defaults}. */
public final class BrokerDefaults {
    private BrokerDefaults() {}

    /**
     * Sets the class annotation, {@code spec.config} and {@code spec.delivery} from the namespace's (or the
     * cluster's) broker defaults where absent, and points references without a namespace into the Broker's.
     */
    public static void setDefaults(Broker broker, EventingConfig config) {
        String namespace = EventingDefaults.namespaceOf(broker);
        EventingConfig.BrokerDefault defaults = config.brokerDefault(namespace);
        if (defaults != null && defaults.brokerClass() != null) {
            EventingDefaults.annotateIfAbsent(broker, Knative.BROKER_CLASS_ANNOTATION, defaults.brokerClass());
        }
        if (broker.getSpec() == null) {
            broker.setSpec(new BrokerSpec());
        }
        BrokerSpec spec = broker.getSpec();
        if (defaults != null && spec.getConfig() == null) {
            spec.setConfig(defaults.configCopy());
        }
        if (defaults != null && spec.getDelivery() == null) {
            spec.setDelivery(defaults.deliveryCopy());
        }
        EventingDefaults.namespace(spec.getConfig(), namespace);
        EventingDefaults.namespace(spec.getDelivery(), namespace);
    }
}
