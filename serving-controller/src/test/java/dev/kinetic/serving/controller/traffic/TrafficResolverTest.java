package dev.kinetic.serving.controller.traffic;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.configurationTarget;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.latest;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.pinned;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.tagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.v1.RouteStatus;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.config.NetworkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Traffic resolves to concrete Revisions per host with Knative's merging, URLs and error conditions. */
class TrafficResolverTest {
    private static final String NS = "default";
    private static final String DOMAIN = "example.com";
    private static final RouteRef ROUTE = new RouteRef(NS, "hello", Map.of());
    private static final RouteRef CLUSTER_LOCAL =
            new RouteRef(NS, "hello", Map.of("networking.knative.dev/visibility", "cluster-local"));
    private static final NetworkConfig DEFAULTS = NetworkConfig.defaults();
    private static final NetworkConfig CUSTOM = NetworkConfig.fromMap(Map.of(
                    "domain-template", "{{.Name}}-{{.Namespace}}.{{.Domain}}", "tag-template", "{{.Name}}-{{.Tag}}"))
            .config();

    private static final ClusterView CLUSTER = ClusterView.of(
            List.of(
                    new ConfigurationState("hello", "hello-00003", "hello-00002", Readiness.UNKNOWN),
                    new ConfigurationState("other", "other-00001", "other-00001", Readiness.READY),
                    new ConfigurationState("waiting", "waiting-00001", null, Readiness.UNKNOWN),
                    new ConfigurationState("broken", "broken-00001", null, Readiness.FAILED),
                    new ConfigurationState("lost", "lost-00001", "lost-00001", Readiness.READY)),
            List.of(
                    revision("hello-00001", Readiness.READY, "hello"),
                    revision("hello-00002", Readiness.READY, "hello"),
                    revision("hello-00003", Readiness.UNKNOWN, "hello"),
                    revision("hello-00004", Readiness.FAILED, "hello"),
                    revision("other-00001", Readiness.READY, "other"),
                    revision("waiting-00001", Readiness.UNKNOWN, "waiting"),
                    revision("broken-00001", Readiness.FAILED, "broken"),
                    revision("orphan-00001", Readiness.READY, "deleted"),
                    revision("unlabelled", Readiness.READY, null)));

    private static RevisionState revision(String name, Readiness readiness, String configuration) {
        return new RevisionState(name, readiness, Optional.ofNullable(configuration));
    }

    // ------------------------------------------------------------------ resolved

    static Stream<Arguments> resolves() {
        return Stream.of(
                argumentSet(
                        "Service default: all to the latest ready revision",
                        ROUTE,
                        List.of(latest(100)),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(status(null, "hello-00002", true, 100L)),
                                Map.of("hello.default.example.com", List.of(new Backend("hello-00002", 100))))),
                argumentSet(
                        "Route naming its configuration",
                        ROUTE,
                        List.of(configurationTarget("other", 100).setLatestRevision(true)),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(status(null, "other-00001", true, 100L)),
                                Map.of("hello.default.example.com", List.of(new Backend("other-00001", 100))))),
                argumentSet(
                        "blue-green 50/50 with tags",
                        ROUTE,
                        List.of(tagged("current", pinned("hello-00001", 50)), tagged("candidate", latest(50))),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(
                                        status("current", "hello-00001", false, 50L)
                                                .setUrl("http://current-hello.default.example.com"),
                                        status("candidate", "hello-00002", true, 50L)
                                                .setUrl("http://candidate-hello.default.example.com")),
                                hosts(
                                        "hello.default.example.com",
                                        List.of(new Backend("hello-00001", 50), new Backend("hello-00002", 50)),
                                        "current-hello.default.example.com",
                                        List.of(new Backend("hello-00001", 100)),
                                        "candidate-hello.default.example.com",
                                        List.of(new Backend("hello-00002", 100))))),
                argumentSet(
                        "same revision pinned and latest: one backend, two status entries",
                        ROUTE,
                        List.of(pinned("hello-00002", 40), latest(60)),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(
                                        status(null, "hello-00002", false, 40L),
                                        status(null, "hello-00002", true, 60L)),
                                Map.of("hello.default.example.com", List.of(new Backend("hello-00002", 100))))),
                argumentSet(
                        "identical entries merge in status",
                        ROUTE,
                        List.of(pinned("hello-00001", 30), latest(50), pinned("hello-00001", 20)),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(
                                        status(null, "hello-00001", false, 50L),
                                        status(null, "hello-00002", true, 50L)),
                                Map.of(
                                        "hello.default.example.com",
                                        List.of(new Backend("hello-00001", 50), new Backend("hello-00002", 50))))),
                argumentSet(
                        "tag at 0%: own host at 100%, left out of the route's host, still routed",
                        ROUTE,
                        List.of(latest(100), tagged("previous", pinned("hello-00001", 0))),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(
                                        status(null, "hello-00002", true, 100L),
                                        status("previous", "hello-00001", false, 0L)
                                                .setUrl("http://previous-hello.default.example.com")),
                                hosts(
                                        "hello.default.example.com",
                                        List.of(new Backend("hello-00002", 100)),
                                        "previous-hello.default.example.com",
                                        List.of(new Backend("hello-00001", 100))))),
                argumentSet(
                        "pinned revision without a configuration label",
                        ROUTE,
                        List.of(pinned("unlabelled", 100)),
                        DEFAULTS,
                        expected(
                                "hello.default.example.com",
                                List.of(status(null, "unlabelled", false, 100L)),
                                Map.of("hello.default.example.com", List.of(new Backend("unlabelled", 100))))),
                argumentSet(
                        "custom domain and tag templates",
                        ROUTE,
                        List.of(tagged("v1", latest(100))),
                        CUSTOM,
                        expected(
                                "hello-default.example.com",
                                List.of(status("v1", "hello-00002", true, 100L)
                                        .setUrl("http://hello-v1-default.example.com")),
                                hosts(
                                        "hello-default.example.com",
                                        List.of(new Backend("hello-00002", 100)),
                                        "hello-v1-default.example.com",
                                        List.of(new Backend("hello-00002", 100))))),
                argumentSet(
                        "cluster-local route ignores the custom domain template",
                        CLUSTER_LOCAL,
                        List.of(tagged("v1", latest(100))),
                        CUSTOM,
                        new ResolvedTraffic(
                                "http://hello.default.svc.cluster.local",
                                "http://hello.default.svc.cluster.local",
                                List.of(status("v1", "hello-00002", true, 100L)
                                        .setUrl("http://hello-v1.default.svc.cluster.local")),
                                "hello.default.svc.cluster.local",
                                hosts(
                                        "hello.default.svc.cluster.local",
                                        List.of(new Backend("hello-00002", 100)),
                                        "hello-v1.default.svc.cluster.local",
                                        List.of(new Backend("hello-00002", 100))),
                                Set.of("hello-00002"))));
    }

    @ParameterizedTest
    @MethodSource
    void resolves(RouteRef route, List<TrafficTarget> traffic, NetworkConfig network, ResolvedTraffic expected) {
        String domain = route == CLUSTER_LOCAL ? "svc.cluster.local" : DOMAIN;
        TrafficResult result = TrafficResolver.resolve(route, traffic, "hello", CLUSTER, domain, network);

        assertThat(result).isInstanceOf(TrafficResult.Resolved.class);
        ResolvedTraffic resolved = ((TrafficResult.Resolved) result).traffic();
        assertThat(resolved).isEqualTo(expected);
        // The route's own host comes first; the order of tags follows the spec.
        assertThat(resolved.backends().keySet())
                .containsExactlyElementsOf(expected.backends().keySet());
    }

    private static ResolvedTraffic expected(
            String host, List<TrafficTarget> status, Map<String, List<Backend>> backends) {
        Set<String> routed = new java.util.LinkedHashSet<>();
        status.forEach(t -> routed.add(t.getRevisionName()));
        return new ResolvedTraffic(
                "http://" + host, "http://hello.default.svc.cluster.local", status, host, backends, routed);
    }

    private static TrafficTarget status(String tag, String revision, boolean latest, Long percent) {
        return new TrafficTarget()
                .setTag(tag)
                .setRevisionName(revision)
                .setLatestRevision(latest)
                .setPercent(percent);
    }

    private static Map<String, List<Backend>> hosts(Object... hostThenBackends) {
        Map<String, List<Backend>> map = new LinkedHashMap<>();
        for (int i = 0; i < hostThenBackends.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Backend> backends = (List<Backend>) hostThenBackends[i + 1];
            map.put((String) hostThenBackends[i], backends);
        }
        return map;
    }

    @Test
    void routedRevisionsIncludeZeroPercentTargets() {
        TrafficResult result = TrafficResolver.resolve(
                ROUTE,
                List.of(latest(100), tagged("old", pinned("hello-00001", 0))),
                "hello",
                CLUSTER,
                DOMAIN,
                DEFAULTS);
        assertThat(((TrafficResult.Resolved) result).traffic().routedRevisions())
                .containsExactly("hello-00002", "hello-00001");
    }

    // ------------------------------------------------------------------ unresolved

    static Stream<Arguments> reportsTheCondition() {
        return Stream.of(
                argumentSet(
                        "configuration missing",
                        List.of(configurationTarget("nope", 100)),
                        Condition.FALSE,
                        "ConfigurationMissing",
                        "Configuration \"nope\" referenced in traffic not found.",
                        List.of(missingConfiguration("nope"))),
                argumentSet(
                        "pinned revision missing",
                        List.of(pinned("hello-00009", 100)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Revision \"hello-00009\" referenced in traffic not found.",
                        List.of(missingRevision("hello-00009"))),
                argumentSet(
                        "configuration waiting for its first ready revision",
                        List.of(configurationTarget("waiting", 100)),
                        Condition.UNKNOWN,
                        "RevisionMissing",
                        "Configuration \"waiting\" is waiting for a Revision to become ready.",
                        List.of()),
                argumentSet(
                        "configuration whose only revision failed",
                        List.of(configurationTarget("broken", 100)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Configuration \"broken\" does not have any ready Revision.",
                        List.of()),
                argumentSet(
                        "pinned revision not ready yet",
                        List.of(pinned("hello-00003", 100)),
                        Condition.UNKNOWN,
                        "RevisionMissing",
                        "Revision \"hello-00003\" is not yet ready.",
                        List.of()),
                argumentSet(
                        "pinned revision failed",
                        List.of(pinned("hello-00004", 100)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Revision \"hello-00004\" failed to become ready.",
                        List.of()),
                argumentSet(
                        "latest ready revision deleted",
                        List.of(configurationTarget("lost", 100)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Revision \"lost-00001\" referenced in traffic not found.",
                        List.of(missingRevision("lost-00001"))),
                argumentSet(
                        "pinned revision of a deleted configuration",
                        List.of(pinned("orphan-00001", 100)),
                        Condition.FALSE,
                        "ConfigurationMissing",
                        "Configuration \"deleted\" referenced in traffic not found.",
                        List.of(missingConfiguration("deleted"))),
                argumentSet(
                        "a later failure replaces an earlier Unknown",
                        List.of(pinned("hello-00003", 50), configurationTarget("nope", 50)),
                        Condition.FALSE,
                        "ConfigurationMissing",
                        "Configuration \"nope\" referenced in traffic not found.",
                        List.of(missingConfiguration("nope"))),
                argumentSet(
                        "the first Unknown stays when nothing failed",
                        List.of(pinned("hello-00003", 50), configurationTarget("waiting", 50)),
                        Condition.UNKNOWN,
                        "RevisionMissing",
                        "Revision \"hello-00003\" is not yet ready.",
                        List.of()),
                argumentSet(
                        "an Unknown does not replace a failure",
                        List.of(pinned("hello-00004", 50), configurationTarget("waiting", 50)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Revision \"hello-00004\" failed to become ready.",
                        List.of()),
                argumentSet(
                        "the last failure wins and every missing target is listed",
                        List.of(configurationTarget("nope", 50), pinned("hello-00009", 50)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Revision \"hello-00009\" referenced in traffic not found.",
                        List.of(missingConfiguration("nope"), missingRevision("hello-00009"))),
                argumentSet(
                        "Service default configuration failed",
                        List.of(latest(100)),
                        Condition.FALSE,
                        "RevisionMissing",
                        "Configuration \"broken\" does not have any ready Revision.",
                        List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void reportsTheCondition(
            List<TrafficTarget> traffic,
            String conditionStatus,
            String reason,
            String message,
            List<TrafficError.MissingTarget> missing) {
        TrafficResult result = TrafficResolver.resolve(ROUTE, traffic, "broken", CLUSTER, DOMAIN, DEFAULTS);

        assertThat(result).isInstanceOf(TrafficResult.Unresolved.class);
        TrafficResult.Unresolved unresolved = (TrafficResult.Unresolved) result;
        assertThat(unresolved.missing()).isEqualTo(missing);
        assertThat(unresolved.error().conditionStatus()).isEqualTo(conditionStatus);

        RouteStatus status = new RouteStatus();
        status.initializeConditions();
        unresolved.error().markOn(status);
        Condition assigned = status.condition(RouteStatus.ALL_TRAFFIC_ASSIGNED).orElseThrow();
        assertThat(assigned.getStatus()).isEqualTo(conditionStatus);
        assertThat(assigned.getReason()).isEqualTo(reason);
        assertThat(assigned.getMessage()).isEqualTo(message);
    }

    private static TrafficError.MissingTarget missingConfiguration(String name) {
        return new TrafficError.MissingTarget(TrafficError.MissingTarget.CONFIGURATION, name);
    }

    private static TrafficError.MissingTarget missingRevision(String name) {
        return new TrafficError.MissingTarget(TrafficError.MissingTarget.REVISION, name);
    }

    @Test
    void aRouteTargetWithoutConfigurationOrRevisionIsAProgrammingError() {
        assertThatThrownBy(() -> TrafficResolver.resolve(ROUTE, List.of(latest(100)), CLUSTER, DOMAIN, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
