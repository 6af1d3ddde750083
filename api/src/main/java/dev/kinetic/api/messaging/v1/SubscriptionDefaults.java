package dev.kinetic.api.messaging.v1;

import dev.kinetic.api.eventing.EventingDefaults;

/**
 * Knative's defaults for a Subscription: subscriber, reply and dead-letter sink references without a namespace point
 * into the Subscription's. The channel reference is left alone: it may not name a namespace at all.
 */
public final class SubscriptionDefaults {
    private SubscriptionDefaults() {}

    public static void setDefaults(Subscription subscription) {
        SubscriptionSpec spec = subscription.getSpec();
        if (spec == null) {
            return;
        }
        String namespace = EventingDefaults.namespaceOf(subscription);
        EventingDefaults.namespace(spec.getSubscriber(), namespace);
        EventingDefaults.namespace(spec.getReply(), namespace);
        EventingDefaults.namespace(spec.getDelivery(), namespace);
    }
}
