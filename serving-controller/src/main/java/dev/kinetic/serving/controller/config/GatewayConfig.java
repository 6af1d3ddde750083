package dev.kinetic.serving.controller.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code config-gateway} ConfigMap, with the keys Knative's net-gateway-api reads: {@code external-gateways}
 * and {@code local-gateways}, each a YAML list with one entry
 * {@code {class, gateway: <ns>/<name>, service: <ns>/<name>, supported-features: [...]}} naming the Gateway that
 * HTTPRoutes of that visibility attach to and the Service in front of it.
 *
 * <p>Defaults (what the Kinetic chart installs): external Gateway {@value #DEFAULT_EXTERNAL_GATEWAY} behind Service
 * {@value #DEFAULT_EXTERNAL_GATEWAY}, local Gateway {@value #DEFAULT_LOCAL_GATEWAY} behind Service
 * {@value #DEFAULT_LOCAL_GATEWAY}, both of GatewayClass {@value #DEFAULT_CLASS}, no optional features claimed.
 *
 * @param external where routes reachable from outside the cluster attach
 * @param local where cluster-local routes attach
 */
public record GatewayConfig(Gateway external, Gateway local) {

    public static final String NAME = "config-gateway";
    public static final String EXTERNAL_GATEWAYS_KEY = "external-gateways";
    public static final String LOCAL_GATEWAYS_KEY = "local-gateways";

    public static final String DEFAULT_CLASS = "kinetic";
    public static final String DEFAULT_EXTERNAL_GATEWAY = "kinetic-system/kinetic-gateway";
    public static final String DEFAULT_LOCAL_GATEWAY = "kinetic-system/kinetic-local-gateway";

    private static final Set<String> FIELDS = Set.of("class", "gateway", "service", "supported-features");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** A namespace and name. */
    public record NamespacedName(String namespace, String name) {
        /** Parses {@code <namespace>/<name>}. */
        public static NamespacedName parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0 || slash != text.lastIndexOf('/')) {
                throw new IllegalArgumentException("expected <namespace>/<name>, got \"" + text + "\"");
            }
            String namespace = text.substring(0, slash);
            String name = text.substring(slash + 1);
            if (!DNS_LABEL.matcher(namespace).matches()
                    || !DNS_SUBDOMAIN.matcher(name).matches()) {
                throw new IllegalArgumentException("expected <namespace>/<name>, got \"" + text + "\"");
            }
            return new NamespacedName(namespace, name);
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * One Gateway entry.
     *
     * @param gatewayClass the GatewayClass name ({@code class})
     * @param gateway the Gateway HTTPRoutes attach to
     * @param service the Service in front of the Gateway, used to probe it; optional, as in net-gateway-api
     * @param supportedFeatures the Gateway API features the implementation claims, e.g. HTTPRouteRequestTimeout
     */
    public record Gateway(
            String gatewayClass,
            NamespacedName gateway,
            Optional<NamespacedName> service,
            List<String> supportedFeatures) {
        public Gateway {
            supportedFeatures = List.copyOf(supportedFeatures);
        }
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(GatewayConfig config, Errors errors) {}

    public static GatewayConfig defaults() {
        return new GatewayConfig(defaultGateway(DEFAULT_EXTERNAL_GATEWAY), defaultGateway(DEFAULT_LOCAL_GATEWAY));
    }

    public static Parsed fromMap(Map<String, String> data) {
        Map<String, String> values = data == null ? Map.of() : data;
        Errors errors = Errors.none();
        GatewayConfig defaults = defaults();
        Gateway external = gateway(values.get(EXTERNAL_GATEWAYS_KEY), EXTERNAL_GATEWAYS_KEY, defaults.external, errors);
        Gateway local = gateway(values.get(LOCAL_GATEWAYS_KEY), LOCAL_GATEWAYS_KEY, defaults.local, errors);
        return new Parsed(new GatewayConfig(external, local), errors);
    }

    private static Gateway defaultGateway(String name) {
        NamespacedName ref = NamespacedName.parse(name);
        return new Gateway(DEFAULT_CLASS, ref, Optional.of(ref), List.of());
    }

    private static Gateway gateway(String text, String key, Gateway fallback, Errors errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            JsonNode root = Yaml.read(text);
            if (!root.isArray() || root.size() != 1) {
                throw new IllegalArgumentException("expected a YAML list with exactly one gateway");
            }
            return entry(root.get(0));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid(text.trim(), key, e.getMessage()));
            return fallback;
        }
    }

    private static Gateway entry(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected {class, gateway, service}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field \"" + field + "\"");
            }
        }
        String gatewayClass = text(node, "class");
        NamespacedName gateway = NamespacedName.parse(text(node, "gateway"));
        Optional<NamespacedName> service = node.hasNonNull("service")
                ? Optional.of(NamespacedName.parse(text(node, "service")))
                : Optional.empty();
        List<String> features = new ArrayList<>();
        JsonNode list = node.get("supported-features");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("supported-features must be a list");
            }
            list.forEach(f -> features.add(f.asText()));
        }
        return new Gateway(gatewayClass, gateway, service, features);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value.asText().trim();
    }
}
