package dev.kinetic.eventing.core.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one contract to the next, by uid: resources and egresses added, updated (same uid, different
 * value) and removed. A pure function of the two documents; the generation is not compared. An egress counts as
 * updated when its own value changed or when one of the resource fields it consumes with did, and only then: adding a
 * trigger to a broker leaves the broker's other triggers untouched.
 *
 * @param addedResources resources whose uid is new
 * @param updatedResources resources whose own fields changed, as pairs of previous and next
 * @param removedResources resources whose uid is gone
 * @param addedEgresses egresses whose uid is new, with their (next) resource
 * @param updatedEgresses egresses that changed, with the previous value
 * @param removedEgresses egresses whose uid is gone (including those of removed resources), with their previous
 *     resource
 */
public record ContractDiff(
        List<ResourceChange> addedResources,
        List<ResourceChange> updatedResources,
        List<ResourceChange> removedResources,
        List<EgressChange> addedEgresses,
        List<EgressChange> updatedEgresses,
        List<EgressChange> removedEgresses) {

    /** A resource before and after; {@code previous} is null when added, {@code next} when removed. */
    public record ResourceChange(Resource previous, Resource next) {}

    /** An egress of a resource, before and after; {@code previous} is null when added, {@code next} when removed. */
    public record EgressChange(Resource resource, Egress previous, Egress next) {}

    /** The changes that turn {@code previous} into {@code next}. */
    public static ContractDiff between(Contract previous, Contract next) {
        Map<String, Resource> before = byUid(previous);
        Map<String, Resource> after = byUid(next);
        Map<String, EgressChange> egressesBefore = egresses(before);
        Map<String, EgressChange> egressesAfter = egresses(after);

        List<ResourceChange> added = new ArrayList<>();
        List<ResourceChange> updated = new ArrayList<>();
        List<ResourceChange> removed = new ArrayList<>();
        after.forEach((uid, resource) -> {
            Resource old = before.get(uid);
            if (old == null) {
                added.add(new ResourceChange(null, resource));
            } else if (!withoutEgresses(old).equals(withoutEgresses(resource))) {
                updated.add(new ResourceChange(old, resource));
            }
        });
        before.forEach((uid, resource) -> {
            if (!after.containsKey(uid)) {
                removed.add(new ResourceChange(resource, null));
            }
        });

        List<EgressChange> addedEgresses = new ArrayList<>();
        List<EgressChange> updatedEgresses = new ArrayList<>();
        List<EgressChange> removedEgresses = new ArrayList<>();
        egressesAfter.forEach((uid, change) -> {
            EgressChange old = egressesBefore.get(uid);
            if (old == null) {
                addedEgresses.add(new EgressChange(change.resource(), null, change.next()));
            } else if (!old.next().equals(change.next())
                    || !consumedFields(old.resource()).equals(consumedFields(change.resource()))) {
                updatedEgresses.add(new EgressChange(change.resource(), old.next(), change.next()));
            }
        });
        egressesBefore.forEach((uid, change) -> {
            if (!egressesAfter.containsKey(uid)) {
                removedEgresses.add(new EgressChange(change.resource(), change.next(), null));
            }
        });
        return new ContractDiff(
                List.copyOf(added),
                List.copyOf(updated),
                List.copyOf(removed),
                List.copyOf(addedEgresses),
                List.copyOf(updatedEgresses),
                List.copyOf(removedEgresses));
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return addedResources.isEmpty()
                && updatedResources.isEmpty()
                && removedResources.isEmpty()
                && addedEgresses.isEmpty()
                && updatedEgresses.isEmpty()
                && removedEgresses.isEmpty();
    }

    /** Tells a listener about every change, in the order {@link ContractListener} documents. */
    public void applyTo(ContractListener listener) {
        removedEgresses.forEach(c -> listener.onEgressRemoved(c.resource(), c.previous()));
        removedResources.forEach(c -> listener.onResourceRemoved(c.previous()));
        updatedResources.forEach(c -> listener.onResourceUpdated(c.previous(), c.next()));
        addedResources.forEach(c -> listener.onResourceAdded(c.next()));
        updatedEgresses.forEach(c -> listener.onEgressUpdated(c.resource(), c.previous(), c.next()));
        addedEgresses.forEach(c -> listener.onEgressAdded(c.resource(), c.next()));
    }

    private static Map<String, Resource> byUid(Contract contract) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        if (contract != null) {
            for (Resource resource : contract.resources()) {
                resources.put(Objects.requireNonNull(resource.uid(), "a resource without uid"), resource);
            }
        }
        return resources;
    }

    private static Map<String, EgressChange> egresses(Map<String, Resource> resources) {
        Map<String, EgressChange> egresses = new LinkedHashMap<>();
        for (Resource resource : resources.values()) {
            for (Egress egress : resource.egresses()) {
                egresses.put(
                        Objects.requireNonNull(egress.uid(), "an egress without uid"),
                        new EgressChange(resource, null, egress));
            }
        }
        return egresses;
    }

    private static Resource withoutEgresses(Resource resource) {
        return new Resource(
                resource.uid(),
                resource.topics(),
                resource.bootstrapServers(),
                resource.ingress(),
                resource.egressConfig(),
                List.of(),
                resource.reference());
    }

    /** The fields of a resource that its egresses consume with. */
    private static List<Object> consumedFields(Resource resource) {
        return java.util.Arrays.asList(
                resource.uid(), resource.topics(), resource.bootstrapServers(), resource.egressConfig());
    }
}
