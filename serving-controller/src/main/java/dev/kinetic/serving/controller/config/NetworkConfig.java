package dev.kinetic.serving.controller.config;

import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code config-network} ConfigMap: which ingress implementation programs routes and how their host names are
 * built. Keys are Knative's; the one deliberate difference is the default ingress class, which is Gateway API
 * ({@value #GATEWAY_API_INGRESS_CLASS}) rather than Istio.
 *
 * @param ingressClass {@code ingress-class}: {@value #GATEWAY_API_INGRESS_CLASS} (default) or
 *     {@value #ISTIO_INGRESS_CLASS}
 * @param domainTemplate {@code domain-template}, fields {@code Name}, {@code Namespace}, {@code Domain}
 * @param tagTemplate {@code tag-template}, fields {@code Name}, {@code Tag}
 * @param clusterDomain {@code cluster-domain}, the cluster's DNS suffix, {@code cluster.local} by default
 * @param httpProtocol {@code http-protocol}: serve plain HTTP or redirect it to HTTPS
 * @param externalDomainTls {@code external-domain-tls} (older name {@code auto-tls}): certificates for external
 *     domains, off by default
 */
public record NetworkConfig(
        String ingressClass,
        HostTemplate domainTemplate,
        HostTemplate tagTemplate,
        String clusterDomain,
        HttpProtocol httpProtocol,
        boolean externalDomainTls) {

    public static final String NAME = "config-network";

    public static final String GATEWAY_API_INGRESS_CLASS = "gateway-api.ingress.networking.knative.dev";
    public static final String ISTIO_INGRESS_CLASS = "istio.ingress.networking.knative.dev";
    public static final String DEFAULT_DOMAIN_TEMPLATE = "{{.Name}}.{{.Namespace}}.{{.Domain}}";
    public static final String DEFAULT_TAG_TEMPLATE = "{{.Tag}}-{{.Name}}";
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    public static final String INGRESS_CLASS_KEY = "ingress-class";
    public static final String DOMAIN_TEMPLATE_KEY = "domain-template";
    public static final String TAG_TEMPLATE_KEY = "tag-template";
    public static final String CLUSTER_DOMAIN_KEY = "cluster-domain";
    public static final String HTTP_PROTOCOL_KEY = "http-protocol";
    public static final String EXTERNAL_DOMAIN_TLS_KEY = "external-domain-tls";
    public static final String AUTO_TLS_KEY = "auto-tls";

    /** Fields a domain template may use. */
    public static final Set<String> DOMAIN_FIELDS = Set.of("Name", "Namespace", "Domain");
    /** Fields a tag template may use. */
    public static final Set<String> TAG_FIELDS = Set.of("Name", "Tag");

    private static final Set<String> INGRESS_CLASSES = Set.of(GATEWAY_API_INGRESS_CLASS, ISTIO_INGRESS_CLASS);
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** What happens to plain HTTP requests on external routes. */
    public enum HttpProtocol {
        /** Served over HTTP (Knative's {@code Enabled}). */
        ENABLED,
        /** Redirected to HTTPS (Knative's {@code Redirected}). */
        REDIRECTED
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(NetworkConfig config, Errors errors) {}

    /** Knative's values for every key (Gateway API ingress). */
    public static NetworkConfig defaults() {
        return fromMap(Map.of()).config();
    }

    public static Parsed fromMap(Map<String, String> data) {
        ConfigValues v = new ConfigValues(data);
        Errors errors = Errors.none();

        String ingressClass = v.string(INGRESS_CLASS_KEY, GATEWAY_API_INGRESS_CLASS);
        if (!INGRESS_CLASSES.contains(ingressClass)) {
            errors.add(FieldError.invalid(
                    ingressClass,
                    INGRESS_CLASS_KEY,
                    "expected " + GATEWAY_API_INGRESS_CLASS + " or " + ISTIO_INGRESS_CLASS));
            ingressClass = GATEWAY_API_INGRESS_CLASS;
        }

        HostTemplate domainTemplate = template(
                v, errors, DOMAIN_TEMPLATE_KEY, DEFAULT_DOMAIN_TEMPLATE, DOMAIN_FIELDS, NetworkConfig::checkDomain);
        HostTemplate tagTemplate =
                template(v, errors, TAG_TEMPLATE_KEY, DEFAULT_TAG_TEMPLATE, TAG_FIELDS, NetworkConfig::checkTag);

        String clusterDomain = v.string(CLUSTER_DOMAIN_KEY, DEFAULT_CLUSTER_DOMAIN);
        if (!DNS_SUBDOMAIN.matcher(clusterDomain).matches()) {
            errors.add(
                    FieldError.invalid(clusterDomain, CLUSTER_DOMAIN_KEY, "expected a DNS name such as cluster.local"));
            clusterDomain = DEFAULT_CLUSTER_DOMAIN;
        }

        HttpProtocol httpProtocol = HttpProtocol.ENABLED;
        String protocol = v.string(HTTP_PROTOCOL_KEY, "Enabled");
        switch (protocol.toLowerCase(Locale.ROOT)) {
            case "enabled" -> httpProtocol = HttpProtocol.ENABLED;
            case "redirected" -> httpProtocol = HttpProtocol.REDIRECTED;
            default -> errors.add(FieldError.invalid(protocol, HTTP_PROTOCOL_KEY, "expected Enabled or Redirected"));
        }

        // external-domain-tls replaced auto-tls; Knative reads the old key when the new one is absent.
        String tlsKey = v.optional(EXTERNAL_DOMAIN_TLS_KEY).isPresent() ? EXTERNAL_DOMAIN_TLS_KEY : AUTO_TLS_KEY;
        String tls = v.string(tlsKey, "Disabled");
        boolean externalDomainTls = false;
        switch (tls.toLowerCase(Locale.ROOT)) {
            case "enabled" -> externalDomainTls = true;
            case "disabled" -> externalDomainTls = false;
            default -> errors.add(FieldError.invalid(tls, tlsKey, "expected Enabled or Disabled"));
        }

        errors.addAll(v.errors());
        return new Parsed(
                new NetworkConfig(
                        ingressClass, domainTemplate, tagTemplate, clusterDomain, httpProtocol, externalDomainTls),
                errors);
    }

    /** The external host of route {@code name}: the domain template applied to the route's name, namespace, domain. */
    public String host(String name, String namespace, String domain) {
        return domainTemplate.render(Map.of("Name", name, "Namespace", namespace, "Domain", domain));
    }

    /** The name part of a tag's host: the tag template applied to the route's name and the tag. */
    public String tagName(String routeName, String tag) {
        return tagTemplate.render(Map.of("Name", routeName, "Tag", tag));
    }

    /** {@code {name}.{namespace}.svc.{cluster-domain}}: the in-cluster host of a route. */
    public String clusterLocalHost(String name, String namespace) {
        return name + "." + namespace + ".svc." + clusterDomain;
    }

    /** The domain every cluster-local route uses: {@code svc.{cluster-domain}}. */
    public String clusterLocalDomain() {
        return "svc." + clusterDomain;
    }

    private interface Check {
        String problem(HostTemplate template);
    }

    private static HostTemplate template(
            ConfigValues v, Errors errors, String key, String fallback, Set<String> fields, Check check) {
        String text = v.string(key, fallback);
        try {
            HostTemplate parsed = HostTemplate.parse(text, fields);
            String problem = check.problem(parsed);
            if (problem == null) {
                return parsed;
            }
            errors.add(FieldError.invalid(text, key, problem));
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid(text, key, e.getMessage()));
        }
        return HostTemplate.parse(fallback, fields);
    }

    private static String checkDomain(HostTemplate t) {
        if (!t.uses("Name")) {
            return "must use {{.Name}} so that routes get distinct hosts";
        }
        String sample = t.render(Map.of("Name", "foo", "Namespace", "bar", "Domain", "baz.com"));
        return HOST.matcher(sample).matches() ? null : "must render a host name, got \"" + sample + "\"";
    }

    private static String checkTag(HostTemplate t) {
        if (!t.uses("Tag")) {
            return "must use {{.Tag}} so that tags get distinct hosts";
        }
        String sample = t.render(Map.of("Name", "foo", "Tag", "v2"));
        return HOST.matcher(sample).matches() ? null : "must render a host name part, got \"" + sample + "\"";
    }
}
