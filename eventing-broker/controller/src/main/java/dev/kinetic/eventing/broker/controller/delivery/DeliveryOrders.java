package dev.kinetic.eventing.broker.controller.delivery;

import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import java.util.Optional;

/** The {@code kafka.eventing.knative.dev/delivery.order} annotation of a Trigger. */
public final class DeliveryOrders {
    public static final String ORDERED = "ordered";
    public static final String UNORDERED = "unordered";

    private DeliveryOrders() {}

    /**
     * The order an annotation value asks for: absent means unordered, as in Knative.
     *
     * @param annotation the annotation's value, or null
     * @return the order, or empty when the value is neither {@value #ORDERED} nor {@value #UNORDERED}
     */
    public static Optional<DeliveryOrder> parse(String annotation) {
        if (annotation == null) {
            return Optional.of(DeliveryOrder.UNORDERED);
        }
        return switch (annotation.trim()) {
            case ORDERED -> Optional.of(DeliveryOrder.ORDERED);
            case UNORDERED -> Optional.of(DeliveryOrder.UNORDERED);
            default -> Optional.empty();
        };
    }
}
