package dev.kinetic.api;

import dev.kinetic.api.eventing.EventingKinds;
import dev.kinetic.api.serving.ServingKinds;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every kind Kinetic serves, with what its CRD needs. The CRDs in {@code deploy/crds/} are generated from this. */
public final class KineticKinds {
    private KineticKinds() {}

    public static final List<KindInfo> ALL =
            Stream.of(ServingKinds.ALL, EventingKinds.ALL).flatMap(List::stream).toList();

    public static Optional<KindInfo> find(String apiVersion, String kind) {
        return ALL.stream()
                .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kind))
                .findFirst();
    }

    public static KindInfo of(Class<?> type) {
        return ALL.stream()
                .filter(k -> k.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Kinetic kind: " + type.getName()));
    }
}
