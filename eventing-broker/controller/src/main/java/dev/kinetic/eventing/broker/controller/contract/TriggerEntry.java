package dev.kinetic.eventing.broker.controller.contract;

import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig;
import java.util.List;
import java.util.Map;

/**
 * A Trigger the data plane runs, with its subscriber and delivery resolved.
 *
 * @param uid the Trigger's uid
 * @param namespace the Trigger's namespace
 * @param name the Trigger's name
 * @param brokerUid the uid of its Broker; the egress is served only while that Broker is
 * @param consumerGroup its Kafka consumer group
 * @param destination the subscriber's resolved URL
 * @param filterAttributes {@code spec.filter.attributes}, or empty
 * @param filters {@code spec.filters}, or empty
 * @param egressConfig the delivery that applies (the Trigger's, else the Broker's), resolved
 * @param deliveryOrder from the {@code kafka.eventing.knative.dev/delivery.order} annotation
 */
public record TriggerEntry(
        String uid,
        String namespace,
        String name,
        String brokerUid,
        String consumerGroup,
        String destination,
        Map<String, String> filterAttributes,
        List<SubscriptionsAPIFilter> filters,
        EgressConfig egressConfig,
        DeliveryOrder deliveryOrder) {
    public TriggerEntry {
        filterAttributes = filterAttributes == null ? Map.of() : Map.copyOf(filterAttributes);
        filters = filters == null ? List.of() : List.copyOf(filters);
    }
}
