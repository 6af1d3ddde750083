package dev.kinetic.testsupport.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinetic.testsupport.gateway.RouteMatcher.Request;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatchBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RouteMatcherTest {

    @ParameterizedTest(name = "{1} against {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "hello.example.com|hello.example.com|true",
                "HELLO.example.com|hello.example.com|true",
                "*.example.com|a.example.com|true",
                "*.example.com|a.b.example.com|true",
                "*.example.com|example.com|false",
                "*.example.com|aexample.com|false",
                "hello.example.com|other.example.com|false"
            })
    void hostnames(String hostname, String host, boolean matches) {
        assertThat(RouteMatcher.hostRank(List.of(hostname), host) >= 0).isEqualTo(matches);
    }

    @Test
    void noHostnamesMatchEveryHostButLeastSpecifically() {
        assertThat(RouteMatcher.hostRank(List.of(), "any.host")).isZero();
        assertThat(RouteMatcher.hostRank(List.of("*.example.com"), "a.example.com"))
                .isLessThan(RouteMatcher.hostRank(List.of("*.a.example.com"), "b.a.example.com"))
                .isLessThan(RouteMatcher.hostRank(List.of("a.example.com"), "a.example.com"));
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("PathPrefix", "/", "/anything", true),
                Arguments.of("PathPrefix", "/foo", "/foo", true),
                Arguments.of("PathPrefix", "/foo", "/foo/bar", true),
                Arguments.of("PathPrefix", "/foo/", "/foo", true),
                Arguments.of("PathPrefix", "/foo", "/foobar", false),
                Arguments.of("Exact", "/foo", "/foo", true),
                Arguments.of("Exact", "/foo", "/foo/", false),
                Arguments.of("RegularExpression", "/v[0-9]+/.*", "/v2/x", true),
                Arguments.of("RegularExpression", "/v[0-9]+/.*", "/va/x", false),
                Arguments.of(null, null, "/default/is/prefix-slash", true));
    }

    @ParameterizedTest(name = "{0} {1} ~ {2}: {3}")
    @MethodSource("paths")
    void paths(String type, String value, String path, boolean matches) {
        HTTPRouteMatch m = type == null
                ? new HTTPRouteMatch()
                : new HTTPRouteMatchBuilder()
                        .withNewPath()
                        .withType(type)
                        .withValue(value)
                        .endPath()
                        .build();
        assertThat(RouteMatcher.matches(m, request("h", path))).isEqualTo(matches);
    }

    @Test
    void headersQueryAndMethodMustAllMatch() {
        HTTPRouteMatch m = new HTTPRouteMatchBuilder()
                .addNewHeader()
                .withName("X-Canary")
                .withValue("yes")
                .endHeader()
                .addNewHeader()
                .withType("RegularExpression")
                .withName("user-agent")
                .withValue("curl/.*")
                .endHeader()
                .addNewQueryParam()
                .withName("v")
                .withValue("2")
                .endQueryParam()
                .withMethod("GET")
                .build();
        Map<String, String> headers = Map.of("x-canary", "yes", "user-agent", "curl/8.0");
        assertThat(RouteMatcher.matches(m, new Request("h", "/", "GET", headers, Map.of("v", "2"))))
                .isTrue();
        assertThat(RouteMatcher.matches(m, new Request("h", "/", "POST", headers, Map.of("v", "2"))))
                .isFalse();
        assertThat(RouteMatcher.matches(m, new Request("h", "/", "GET", headers, Map.of("v", "3"))))
                .isFalse();
        assertThat(RouteMatcher.matches(
                        m,
                        new Request(
                                "h", "/", "GET", Map.of("x-canary", "yes", "user-agent", "wget"), Map.of("v", "2"))))
                .isFalse();
        assertThat(RouteMatcher.matches(m, new Request("h", "/", "GET", Map.of(), Map.of("v", "2"))))
                .isFalse();
    }

    @Test
    void theMostSpecificRuleWins() {
        HTTPRoute wildcard = route("a-wild", "2026-01-01T00:00:00Z", List.of("*.example.com"), "PathPrefix", "/");
        HTTPRoute exactHost = route("b-exact", "2026-01-02T00:00:00Z", List.of("api.example.com"), "PathPrefix", "/");
        HTTPRoute longerPrefix =
                route("c-longer", "2026-01-03T00:00:00Z", List.of("api.example.com"), "PathPrefix", "/v1");
        HTTPRoute exactPath = route("d-exact", "2026-01-04T00:00:00Z", List.of("api.example.com"), "Exact", "/v1/x");
        List<HTTPRoute> all = List.of(wildcard, exactHost, longerPrefix, exactPath);

        assertThat(winner(all, "www.example.com", "/v1/x")).contains("a-wild");
        assertThat(winner(all, "api.example.com", "/other")).contains("b-exact");
        assertThat(winner(all, "api.example.com", "/v1/y")).contains("c-longer");
        assertThat(winner(all, "api.example.com", "/v1/x")).contains("d-exact");
        assertThat(winner(all, "elsewhere.org", "/")).isEmpty();
    }

    @Test
    void onATieTheOldestRouteWinsThenTheName() {
        HTTPRoute younger = route("a", "2026-01-02T00:00:00Z", List.of("h"), "PathPrefix", "/");
        HTTPRoute older = route("z", "2026-01-01T00:00:00Z", List.of("h"), "PathPrefix", "/");
        HTTPRoute sameAge = route("b", "2026-01-02T00:00:00Z", List.of("h"), "PathPrefix", "/");
        assertThat(winner(List.of(younger, older, sameAge), "h", "/")).contains("z");
        assertThat(winner(List.of(sameAge, younger), "h", "/")).contains("a");
    }

    @Test
    void aDrawFallsOnTheBackendWhoseShareItIsIn() {
        List<HTTPBackendRef> refs = List.of(backend("a", 1), backend("b", 0), backend("c", 3), backend("d", null));
        assertThat(RouteMatcher.totalWeight(refs)).isEqualTo(5);
        assertThat(Stream.of(0, 1, 2, 3, 4).map(d -> RouteMatcher.pick(refs, d).getName()))
                .containsExactly("a", "c", "c", "c", "d");
        assertThatThrownBy(() -> RouteMatcher.pick(refs, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RouteMatcher.totalWeight(List.of(backend("zero", 0)))).isZero();
    }

    private static Optional<String> winner(List<HTTPRoute> routes, String host, String path) {
        return RouteMatcher.match(routes, request(host, path))
                .map(m -> m.route().getMetadata().getName());
    }

    private static Request request(String host, String path) {
        return new Request(host, path, "GET", Map.of(), Map.of());
    }

    private static HTTPRoute route(String name, String created, List<String> hosts, String type, String path) {
        return new HTTPRouteBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .withCreationTimestamp(created)
                .endMetadata()
                .withNewSpec()
                .withHostnames(hosts)
                .addNewRule()
                .addNewMatch()
                .withNewPath()
                .withType(type)
                .withValue(path)
                .endPath()
                .endMatch()
                .endRule()
                .endSpec()
                .build();
    }

    private static HTTPBackendRef backend(String name, Integer weight) {
        return new HTTPBackendRefBuilder().withName(name).withWeight(weight).build();
    }
}
