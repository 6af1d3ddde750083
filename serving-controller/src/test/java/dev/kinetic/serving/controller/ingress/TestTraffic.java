package dev.kinetic.serving.controller.ingress;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.route;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.config.DomainConfig;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.ClusterView;
import dev.kinetic.serving.controller.traffic.ConfigurationState;
import dev.kinetic.serving.controller.traffic.Readiness;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import dev.kinetic.serving.controller.traffic.RevisionState;
import dev.kinetic.serving.controller.traffic.RouteRef;
import dev.kinetic.serving.controller.traffic.TrafficResolver;
import dev.kinetic.serving.controller.traffic.TrafficResult;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Service's Route and its traffic resolved by the real {@link TrafficResolver} (latest targets follow Configuration
 * {@code hello}), so the builders see what they will see.
 */
final class TestTraffic {
    private TestTraffic() {}

    static final String NS = "default";
    static final String NAME = "hello";
    static final String UID = "route-uid";
    static final DomainConfig EXAMPLE_COM =
            DomainConfig.fromMap(Map.of("example.com", "")).config();
    static final DomainConfig NO_DOMAIN = DomainConfig.defaults();

    private static final ClusterView CLUSTER = ClusterView.of(
            List.of(new ConfigurationState("hello", "hello-00002", "hello-00002", Readiness.READY)),
            List.of(
                    new RevisionState("hello-00001", Readiness.READY, Optional.of("hello")),
                    new RevisionState("hello-00002", Readiness.READY, Optional.of("hello"))));

    static Route externalRoute() {
        return route(NS, NAME, r -> r.getMetadata().setUid(UID));
    }

    static Route clusterLocalRoute() {
        return route(NS, NAME, r -> {
            r.getMetadata().setUid(UID);
            Map<String, String> labels = new HashMap<>();
            labels.put(Knative.VISIBILITY_LABEL, Knative.VISIBILITY_CLUSTER_LOCAL);
            r.getMetadata().setLabels(labels);
        });
    }

    static ResolvedTraffic resolve(Route route, DomainConfig domains, NetworkConfig network, TrafficTarget... targets) {
        RouteRef ref = new RouteRef(
                route.getMetadata().getNamespace(),
                route.getMetadata().getName(),
                route.getMetadata().getLabels());
        String domain = domains.domainFor(route.getMetadata().getLabels(), network.clusterDomain());
        TrafficResult result = TrafficResolver.resolve(ref, List.of(targets), NAME, CLUSTER, domain, network);
        return ((TrafficResult.Resolved) result).traffic();
    }

    static OwnerReference owner() {
        return new OwnerReferenceBuilder()
                .withApiVersion("serving.knative.dev/v1")
                .withKind("Route")
                .withName(NAME)
                .withUid(UID)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
