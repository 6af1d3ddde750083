package dev.kinetic.serving.controller.traffic;

import java.util.Map;
import java.util.Objects;

/**
 * The parts of a Route (or Service) that name its hosts.
 *
 * @param namespace the namespace
 * @param name the Route's name
 * @param labels the Route's labels (visibility, domain selectors)
 */
public record RouteRef(String namespace, String name, Map<String, String> labels) {
    public RouteRef {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
