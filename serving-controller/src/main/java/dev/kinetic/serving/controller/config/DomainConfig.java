package dev.kinetic.serving.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code config-domain} ConfigMap: each key is a domain, each value either empty (the default domain, matching
 * every route) or YAML {@code selector: {label: value, …}} restricting it to routes carrying those labels.
 *
 * <p>A route's domain is the one whose selector matches the route's labels with the most entries; ties go to the
 * alphabetically first domain, as in Knative. Routes labelled {@code networking.knative.dev/visibility:
 * cluster-local} always get {@code svc.<cluster-domain>}; so does every route when the ConfigMap has no domains,
 * and (a choice of ours, where Knative would render an empty domain) a route no selector matches.
 *
 * @param domains domain to selector, an empty selector matching every route
 */
public record DomainConfig(Map<String, Map<String, String>> domains) {

    public static final String NAME = "config-domain";

    public DomainConfig {
        domains = Map.copyOf(domains);
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(DomainConfig config, Errors errors) {}

    /** No domains configured: every route is reachable in-cluster only. */
    public static DomainConfig defaults() {
        return new DomainConfig(Map.of());
    }

    public static Parsed fromMap(Map<String, String> data) {
        Errors errors = Errors.none();
        Map<String, Map<String, String>> domains = new TreeMap<>();
        if (data != null) {
            for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
                if (e.getKey().startsWith("_")) {
                    continue; // _example and friends document the ConfigMap.
                }
                try {
                    domains.put(e.getKey(), selector(e.getValue() == null ? "" : e.getValue()));
                } catch (IllegalArgumentException ex) {
                    errors.add(FieldError.invalid(e.getValue(), e.getKey(), ex.getMessage()));
                }
            }
        }
        return new Parsed(new DomainConfig(domains), errors);
    }

    /** The domain for a route with {@code labels}. */
    public String domainFor(Map<String, String> labels, String clusterDomain) {
        Map<String, String> routeLabels = labels == null ? Map.of() : labels;
        String clusterLocal = "svc." + clusterDomain;
        if (Knative.VISIBILITY_CLUSTER_LOCAL.equals(routeLabels.get(Knative.VISIBILITY_LABEL))) {
            return clusterLocal;
        }
        String best = null;
        int bestSize = -1;
        for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(domains).entrySet()) {
            Map<String, String> selector = e.getValue();
            // Strictly greater: on a tie the alphabetically first domain, seen first, stays.
            if (selector.size() > bestSize && matches(selector, routeLabels)) {
                best = e.getKey();
                bestSize = selector.size();
            }
        }
        return best == null ? clusterLocal : best;
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(s -> s.getValue().equals(labels.get(s.getKey())));
    }

    private static Map<String, String> selector(String value) {
        JsonNode root = Yaml.read(value);
        if (root.isNull()) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected empty or \"selector: {label: value}\"");
        }
        Map<String, String> selector = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!field.getKey().equals("selector")) {
                throw new IllegalArgumentException("unknown field \"" + field.getKey() + "\", expected selector");
            }
            JsonNode labels = field.getValue();
            if (labels.isNull()) {
                continue;
            }
            if (!labels.isObject()) {
                throw new IllegalArgumentException("selector must be a map of label to value");
            }
            for (Map.Entry<String, JsonNode> label : labels.properties()) {
                if (!label.getValue().isValueNode() || label.getValue().isNull()) {
                    throw new IllegalArgumentException("selector value of " + label.getKey() + " must be a string");
                }
                selector.put(label.getKey(), label.getValue().asText());
            }
        }
        return Map.copyOf(selector);
    }
}
