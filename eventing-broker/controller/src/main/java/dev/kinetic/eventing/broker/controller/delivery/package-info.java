/**
 * Pure translations of delivery settings into the contract: a {@code DeliverySpec} to an {@code EgressConfig}, and
 * the {@code kafka.eventing.knative.dev/delivery.order} annotation to a delivery order.
 */
package dev.kinetic.eventing.broker.controller.delivery;
