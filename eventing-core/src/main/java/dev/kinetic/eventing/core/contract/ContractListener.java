package dev.kinetic.eventing.core.contract;

/**
 * What a data plane does when the contract changes. {@link ContractDiff#applyTo} calls the methods for one change in
 * this order: removed egresses, removed resources, updated resources, added resources, updated egresses, added
 * egresses; so a receiver or dispatcher never sees an egress whose resource it does not know.
 *
 * <p>Every method has an empty default: a receiver implements the resource methods, a dispatcher the egress ones.
 */
public interface ContractListener {
    /** A resource appeared. */
    default void onResourceAdded(Resource resource) {}

    /** A resource's own fields (topics, ingress, bootstrap servers, delivery, reference) changed. */
    default void onResourceUpdated(Resource previous, Resource resource) {}

    /** A resource is gone; its egresses were reported removed just before. */
    default void onResourceRemoved(Resource resource) {}

    /** An egress appeared. */
    default void onEgressAdded(Resource resource, Egress egress) {}

    /**
     * An egress changed, or the fields of its resource that it consumes with (topics, bootstrap servers, the
     * resource-wide delivery) did.
     */
    default void onEgressUpdated(Resource resource, Egress previous, Egress egress) {}

    /** An egress is gone. */
    default void onEgressRemoved(Resource resource, Egress egress) {}
}
