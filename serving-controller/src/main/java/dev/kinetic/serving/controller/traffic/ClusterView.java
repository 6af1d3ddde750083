package dev.kinetic.serving.controller.traffic;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Configurations and Revisions of one namespace, as traffic resolution sees them; a name absent from a map is
 * an object that does not exist.
 */
public record ClusterView(Map<String, ConfigurationState> configurations, Map<String, RevisionState> revisions) {

    public ClusterView {
        configurations = Map.copyOf(configurations);
        revisions = Map.copyOf(revisions);
    }

    public static ClusterView of(Collection<ConfigurationState> configurations, Collection<RevisionState> revisions) {
        return new ClusterView(
                configurations.stream().collect(Collectors.toMap(ConfigurationState::name, Function.identity())),
                revisions.stream().collect(Collectors.toMap(RevisionState::name, Function.identity())));
    }

    public Optional<ConfigurationState> configuration(String name) {
        return Optional.ofNullable(configurations.get(name));
    }

    public Optional<RevisionState> revision(String name) {
        return Optional.ofNullable(revisions.get(name));
    }
}
