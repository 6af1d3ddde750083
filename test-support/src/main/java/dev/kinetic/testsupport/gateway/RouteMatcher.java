package dev.kinetic.testsupport.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which HTTPRoute rule serves a request, by the Gateway API's matching and precedence rules: the host against {@code
 * spec.hostnames} (exact names, {@code *.}-wildcards that stand for one or more labels, none meaning any host), then
 * each rule's matches (path {@code Exact}, {@code PathPrefix} on whole segments or {@code RegularExpression};
 * headers; query parameters; method), a rule without matches matching every path. Among several, the most specific
 * wins: exact host over wildcard (longer first) over any, exact path over the longest prefix, a method match, more
 * header then query matches, then the oldest route, then namespace/name, then rule order.
 */
final class RouteMatcher {
    private RouteMatcher() {}

    /**
     * A request as matching sees it.
     *
     * @param host the {@code Host} without its port, in lower case
     * @param headers the first value of each header, names in lower case
     * @param query the first value of each query parameter
     */
    record Request(String host, String path, String method, Map<String, String> headers, Map<String, String> query) {}

    /** The rule that serves a request, of that route. */
    record Match(HTTPRoute route, HTTPRouteRule rule) {}

    private record Candidate(
            HTTPRoute route,
            HTTPRouteRule rule,
            int ruleIndex,
            int hostRank,
            int exactPath,
            int pathLength,
            int method,
            int headers,
            int queries) {}

    private static final Comparator<Candidate> PRECEDENCE = Comparator.comparingInt(Candidate::hostRank)
            .thenComparingInt(Candidate::exactPath)
            .thenComparingInt(Candidate::pathLength)
            .thenComparingInt(Candidate::method)
            .thenComparingInt(Candidate::headers)
            .thenComparingInt(Candidate::queries)
            .reversed()
            .thenComparing(c -> Objects.toString(c.route().getMetadata().getCreationTimestamp(), ""))
            .thenComparing(c -> c.route().getMetadata().getNamespace() + "/"
                    + c.route().getMetadata().getName())
            .thenComparingInt(Candidate::ruleIndex);

    /** The rule serving {@code request} among {@code routes}, if any matches. */
    static Optional<Match> match(Collection<HTTPRoute> routes, Request request) {
        List<Candidate> candidates = new ArrayList<>();
        for (HTTPRoute route : routes) {
            if (route.getSpec() == null || route.getSpec().getRules() == null) {
                continue;
            }
            int hostRank = hostRank(route.getSpec().getHostnames(), request.host());
            if (hostRank < 0) {
                continue;
            }
            List<HTTPRouteRule> rules = route.getSpec().getRules();
            for (int i = 0; i < rules.size(); i++) {
                HTTPRouteRule rule = rules.get(i);
                for (HTTPRouteMatch m : matchesOf(rule)) {
                    if (matches(m, request)) {
                        HTTPPathMatch path = m.getPath();
                        boolean exact = path != null && "Exact".equals(path.getType());
                        candidates.add(new Candidate(
                                route,
                                rule,
                                i,
                                hostRank,
                                exact ? 1 : 0,
                                path == null || path.getValue() == null
                                        ? 1
                                        : path.getValue().length(),
                                m.getMethod() == null ? 0 : 1,
                                size(m.getHeaders()),
                                size(m.getQueryParams())));
                    }
                }
            }
        }
        return candidates.stream().min(PRECEDENCE).map(c -> new Match(c.route(), c.rule()));
    }

    /**
     * How well {@code host} matches {@code hostnames}: -1 not at all, 0 when the route names no host, 1 plus the
     * suffix length for a wildcard, above every wildcard for an exact name.
     */
    static int hostRank(List<String> hostnames, String host) {
        if (hostnames == null || hostnames.isEmpty()) {
            return 0;
        }
        int best = -1;
        for (String h : hostnames) {
            String name = h.toLowerCase(Locale.ROOT);
            if (name.equals(host)) {
                return Integer.MAX_VALUE;
            }
            if (name.startsWith("*.")) {
                String suffix = name.substring(1);
                if (host.endsWith(suffix) && host.length() > suffix.length()) {
                    best = Math.max(best, 1 + suffix.length());
                }
            }
        }
        return best;
    }

    private static List<HTTPRouteMatch> matchesOf(HTTPRouteRule rule) {
        if (rule.getMatches() == null || rule.getMatches().isEmpty()) {
            // No matches: the API's default, a PathPrefix of "/".
            return List.of(new HTTPRouteMatch());
        }
        return rule.getMatches();
    }

    static boolean matches(HTTPRouteMatch m, Request request) {
        return pathMatches(m.getPath(), request.path())
                && (m.getMethod() == null || m.getMethod().equalsIgnoreCase(request.method()))
                && allHeadersMatch(m.getHeaders(), request.headers())
                && allQueryParamsMatch(m.getQueryParams(), request.query());
    }

    static boolean pathMatches(HTTPPathMatch match, String path) {
        String value = match == null || match.getValue() == null ? "/" : match.getValue();
        String type = match == null || match.getType() == null ? "PathPrefix" : match.getType();
        return switch (type) {
            case "Exact" -> path.equals(value);
            case "RegularExpression" -> Pattern.matches(value, path);
            default -> prefixMatches(value, path);
        };
    }

    /** A prefix matches whole path segments: {@code /foo} matches {@code /foo} and {@code /foo/bar}, not {@code /foobar}. */
    private static boolean prefixMatches(String prefix, String path) {
        String p = prefix.length() > 1 && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (p.equals("/")) {
            return true;
        }
        return path.equals(p) || path.startsWith(p + "/");
    }

    private static boolean allHeadersMatch(List<HTTPHeaderMatch> wanted, Map<String, String> headers) {
        if (wanted == null) {
            return true;
        }
        for (HTTPHeaderMatch h : wanted) {
            String actual = headers.get(h.getName().toLowerCase(Locale.ROOT));
            if (!valueMatches(h.getType(), h.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allQueryParamsMatch(List<HTTPQueryParamMatch> wanted, Map<String, String> query) {
        if (wanted == null) {
            return true;
        }
        for (HTTPQueryParamMatch q : wanted) {
            if (!valueMatches(q.getType(), q.getValue(), query.get(q.getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueMatches(String type, String expected, String actual) {
        if (actual == null) {
            return false;
        }
        return "RegularExpression".equals(type) ? Pattern.matches(expected, actual) : actual.equals(expected);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** The sum of the backends' weights (a missing weight is 1, as the API defaults it). */
    static int totalWeight(List<HTTPBackendRef> refs) {
        return refs == null ? 0 : refs.stream().mapToInt(RouteMatcher::weight).sum();
    }

    /**
     * The backend a draw in {@code [0, totalWeight)} falls on, each backend taking a share of the range as wide as its
     * weight.
     */
    static HTTPBackendRef pick(List<HTTPBackendRef> refs, int draw) {
        int left = draw;
        for (HTTPBackendRef ref : refs) {
            left -= weight(ref);
            if (left < 0) {
                return ref;
            }
        }
        throw new IllegalArgumentException("draw " + draw + " is beyond the total weight " + totalWeight(refs));
    }

    private static int weight(HTTPBackendRef ref) {
        return ref.getWeight() == null ? 1 : Math.max(0, ref.getWeight());
    }
}
