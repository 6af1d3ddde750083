package dev.kinetic.activator.revision;

import java.util.Objects;

/**
 * A revision's identity: namespace and name.
 *
 * @param namespace the revision's namespace
 * @param name the revision's name
 */
public record RevisionKey(String namespace, String name) {
    public RevisionKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
