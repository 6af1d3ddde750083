package dev.kinetic.serving.controller.ingress;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.config.NetworkConfig;
import dev.kinetic.serving.controller.traffic.Backend;
import dev.kinetic.serving.controller.traffic.ResolvedTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One host of a Route as the ingress sees it: the Route's own host ({@code tag} empty) or one tag's host, with the
 * names it answers to and the Revisions it splits across.
 *
 * <p>Every rule is reachable in-cluster under three names, {@code {name}.{ns}}, {@code {name}.{ns}.svc} and
 * {@code {name}.{ns}.svc.{cluster-domain}}, where {@code name} is the Route's name or the tag template applied to
 * it; these are served by the local gateway, which the Route's ExternalName Service points at. A Route not labelled
 * {@code networking.knative.dev/visibility: cluster-local} is also served on its external host (from
 * {@code config-domain} and the domain template) by the external gateway; when no domain matches, that host is the
 * cluster-local one and the rule stays local.
 *
 * @param tag the traffic tag, empty for the Route's own host
 * @param externalHost the host served by the external gateway, empty for a cluster-local rule
 * @param localHosts the in-cluster names, shortest first
 * @param backends the weighted Revisions, never empty
 */
public record IngressRule(
        Optional<String> tag, Optional<String> externalHost, List<String> localHosts, List<Backend> backends) {

    private static final String HTTP = "http://";

    public IngressRule {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(externalHost, "externalHost");
        localHosts = List.copyOf(localHosts);
        backends = List.copyOf(backends);
    }

    /** The longest in-cluster name: {@code {name}.{ns}.svc.{cluster-domain}}. */
    public String clusterLocalHost() {
        return localHosts.get(localHosts.size() - 1);
    }

    /** Whether the Route carries {@code networking.knative.dev/visibility: cluster-local}. */
    public static boolean isClusterLocal(Route route) {
        Map<String, String> labels = route.getMetadata().getLabels();
        return labels != null && Knative.VISIBILITY_CLUSTER_LOCAL.equals(labels.get(Knative.VISIBILITY_LABEL));
    }

    /**
     * The rules for each host of {@code traffic.backends()}, in its order; hosts without backends (every target at
     * 0%) get no rule, since nothing would serve them.
     *
     * @throws IllegalArgumentException if a host other than the Route's own is not the URL of a tagged entry of
     *     {@code traffic.statusTraffic()}, which {@code TrafficResolver} never produces
     */
    public static List<IngressRule> of(Route route, ResolvedTraffic traffic, NetworkConfig network) {
        String name = route.getMetadata().getName();
        String namespace = route.getMetadata().getNamespace();
        boolean clusterLocal = isClusterLocal(route);
        List<IngressRule> rules = new ArrayList<>();
        for (Map.Entry<String, List<Backend>> entry : traffic.backends().entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            String host = entry.getKey();
            Optional<String> tag = host.equals(traffic.host()) ? Optional.empty() : Optional.of(tagOf(host, traffic));
            String hostName = tag.map(t -> network.tagName(name, t)).orElse(name);
            String shortHost = hostName + "." + namespace;
            List<String> localHosts =
                    List.of(shortHost, shortHost + ".svc", shortHost + "." + network.clusterLocalDomain());
            Optional<String> externalHost =
                    clusterLocal || localHosts.contains(host) ? Optional.empty() : Optional.of(host);
            rules.add(new IngressRule(tag, externalHost, localHosts, entry.getValue()));
        }
        return List.copyOf(rules);
    }

    private static String tagOf(String host, ResolvedTraffic traffic) {
        String url = HTTP + host;
        return traffic.statusTraffic().stream()
                .filter(t -> t.getTag() != null && url.equals(t.getUrl()))
                .map(TrafficTarget::getTag)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("host " + host + " belongs to no traffic tag"));
    }
}
