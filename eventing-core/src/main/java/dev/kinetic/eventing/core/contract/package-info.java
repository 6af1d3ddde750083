/**
 * The control-plane to data-plane contract: one versioned document (a {@link
 * dev.kinetic.eventing.core.contract.Contract}) that a controller compiles from its resources and writes into a
 * ConfigMap, and that receivers and dispatchers watch and apply by diff, keyed by uid. Its shape follows the Knative
 * Kafka data plane's {@code contract.proto}, in JSON.
 */
package dev.kinetic.eventing.core.contract;
