package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config-domain} picks a route's domain from its labels the way Knative does. */
class DomainConfigTest {
    private static final String PROD = "selector:\n  app: prod\n";
    private static final Map<String, String> NONE = Map.of();
    private static final Map<String, String> CLUSTER_LOCAL =
            Map.of("networking.knative.dev/visibility", "cluster-local");

    static Stream<Arguments> picksTheDomain() {
        return Stream.of(
                argumentSet("empty ConfigMap", NONE, NONE, "cluster.local", "svc.cluster.local"),
                argumentSet("empty ConfigMap, other cluster domain", NONE, NONE, "corp.internal", "svc.corp.internal"),
                argumentSet(
                        "only the _example key",
                        Map.of("_example", "docs"),
                        NONE,
                        "cluster.local",
                        "svc.cluster.local"),
                argumentSet("default domain", Map.of("example.com", ""), NONE, "cluster.local", "example.com"),
                argumentSet(
                        "default domain spelled as an empty selector",
                        Map.of("example.com", "selector: {}\n"),
                        Map.of("app", "x"),
                        "cluster.local",
                        "example.com"),
                argumentSet(
                        "matching selector beats the default",
                        Map.of("example.com", "", "prod.example.com", PROD),
                        Map.of("app", "prod"),
                        "cluster.local",
                        "prod.example.com"),
                argumentSet(
                        "selector not matching: the default",
                        Map.of("example.com", "", "prod.example.com", PROD),
                        Map.of("app", "dev"),
                        "cluster.local",
                        "example.com"),
                argumentSet(
                        "flow-style selector",
                        Map.of("example.com", "", "prod.example.com", "selector: {app: prod}"),
                        Map.of("app", "prod", "other", "x"),
                        "cluster.local",
                        "prod.example.com"),
                argumentSet(
                        "most specific selector wins",
                        Map.of("a.example.com", PROD, "b.example.com", "selector:\n  app: prod\n  tier: web\n"),
                        Map.of("app", "prod", "tier", "web"),
                        "cluster.local",
                        "b.example.com"),
                argumentSet(
                        "a selector needs all its labels",
                        Map.of("a.example.com", PROD, "b.example.com", "selector:\n  app: prod\n  tier: web\n"),
                        Map.of("app", "prod", "tier", "db"),
                        "cluster.local",
                        "a.example.com"),
                argumentSet(
                        "equally specific: alphabetically first",
                        Map.of("z.example.com", "", "a.example.com", ""),
                        NONE,
                        "cluster.local",
                        "a.example.com"),
                argumentSet(
                        "cluster-local label beats every domain",
                        Map.of("example.com", ""),
                        CLUSTER_LOCAL,
                        "cluster.local",
                        "svc.cluster.local"),
                argumentSet(
                        "cluster-local with another cluster domain",
                        Map.of("example.com", ""),
                        CLUSTER_LOCAL,
                        "corp.internal",
                        "svc.corp.internal"),
                argumentSet(
                        "nothing matches and no default: cluster-local domain",
                        Map.of("prod.example.com", PROD),
                        Map.of("app", "dev"),
                        "cluster.local",
                        "svc.cluster.local"));
    }

    @ParameterizedTest
    @MethodSource
    void picksTheDomain(Map<String, String> data, Map<String, String> labels, String clusterDomain, String domain) {
        DomainConfig.Parsed parsed = DomainConfig.fromMap(data);
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(parsed.config().domainFor(labels, clusterDomain)).isEqualTo(domain);
    }

    static Stream<Arguments> reportsBadValues() {
        return Stream.of(
                argumentSet("selector is a list", Map.of("x.com", "selector: [a, b]"), List.of("x.com")),
                argumentSet("misspelt selector", Map.of("x.com", "selecter:\n  app: prod\n"), List.of("x.com")),
                argumentSet("nested selector value", Map.of("x.com", "selector: {app: {a: b}}"), List.of("x.com")),
                argumentSet("a bare string", Map.of("x.com", "prod"), List.of("x.com")),
                argumentSet("not YAML", Map.of("x.com", "selector: {app: prod"), List.of("x.com")),
                argumentSet(
                        "every bad key, good keys kept",
                        Map.of("a.com", "selector: [x]", "b.com", "nope", "good.com", ""),
                        List.of("a.com", "b.com")));
    }

    @ParameterizedTest
    @MethodSource
    void reportsBadValues(Map<String, String> data, List<String> paths) {
        DomainConfig.Parsed parsed = DomainConfig.fromMap(data);
        assertThat(parsed.errors().paths()).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(parsed.config().domains().keySet()).doesNotContainAnyElementsOf(paths);
    }
}
