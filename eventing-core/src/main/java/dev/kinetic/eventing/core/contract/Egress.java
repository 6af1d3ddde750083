package dev.kinetic.eventing.core.contract;

import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import java.util.List;
import java.util.Map;

/**
 * One consumer of a resource's topics (a Trigger, a Subscription): its consumer group, filter, destination and
 * delivery.
 *
 * @param uid the egress's Kubernetes uid, its key in diffs
 * @param consumerGroup the Kafka consumer group, {@code knative-trigger-{ns}-{name}} for a Trigger
 * @param destination the resolved subscriber URL
 * @param replyStrategy what to do with a reply event
 * @param replyUrl where replies go when the strategy is {@link ReplyStrategy#REPLY_URL}
 * @param filterAttributes the legacy {@code filter.attributes} (exact match, empty value = any), or empty
 * @param filters the Subscriptions API {@code filters}; when non-empty they win over {@code filterAttributes}
 * @param egressConfig this egress's own delivery, or {@code null} to use the resource's
 * @param deliveryOrder ordered (one event in flight per partition) or unordered
 * @param reference which Kubernetes object this is, for metrics and logs
 */
public record Egress(
        String uid,
        String consumerGroup,
        String destination,
        ReplyStrategy replyStrategy,
        String replyUrl,
        Map<String, String> filterAttributes,
        List<SubscriptionsAPIFilter> filters,
        EgressConfig egressConfig,
        DeliveryOrder deliveryOrder,
        Reference reference) {
    public Egress {
        replyStrategy = replyStrategy == null ? ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC : replyStrategy;
        filterAttributes = filterAttributes == null ? Map.of() : Map.copyOf(filterAttributes);
        filters = filters == null ? List.of() : List.copyOf(filters);
        deliveryOrder = deliveryOrder == null ? DeliveryOrder.UNORDERED : deliveryOrder;
    }

    /** What a dispatcher does with the event a subscriber replies with. */
    public enum ReplyStrategy {
        /** Produce it to the resource's topic (a Broker's triggers), so every trigger sees it. */
        REPLY_TO_ORIGINAL_TOPIC,
        /** POST it to {@link Egress#replyUrl()} (a Subscription's {@code spec.reply}). */
        REPLY_URL,
        /** Drop it. */
        DISCARD
    }

    /** The {@code kafka.eventing.knative.dev/delivery.order} of an egress. */
    public enum DeliveryOrder {
        ORDERED,
        UNORDERED
    }
}
