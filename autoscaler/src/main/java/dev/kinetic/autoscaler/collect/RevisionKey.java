package dev.kinetic.autoscaler.collect;

/** A revision (and its PodAutoscaler, which has the same name). */
public record RevisionKey(String namespace, String name) {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
