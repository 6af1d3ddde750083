/**
 * Destination resolution ({@code duck/v1.Destination}): a reference to a core Service, to any Addressable (Knative
 * Service, Broker, Channel, ...) read through its {@code status.addresses}/{@code status.address}, a relative URI
 * resolved against the reference's URL, or an absolute URI.
 */
package dev.kinetic.eventing.broker.controller.destination;
