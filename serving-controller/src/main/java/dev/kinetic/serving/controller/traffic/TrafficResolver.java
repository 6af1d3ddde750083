package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.config.HostTemplate;
import dev.kinetic.serving.controller.config.NetworkConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves a Route's (or Service's) defaulted {@code spec.traffic} into concrete Revisions, with Knative's
 * semantics: a Configuration target follows the Configuration's latest ready Revision, a pinned target needs its
 * Revision ready, duplicate targets are merged, and every target is looked at before an error is reported so that
 * all missing objects are known at once.
 *
 * <p>Error precedence is Knative's: the first error is kept unless a later one is a failure (False), which replaces
 * it; so the result reports the last failure, or the first Unknown when nothing failed.
 */
public final class TrafficResolver {
    private static final String HTTP = "http://";
    private static final HostTemplate DEFAULT_DOMAIN_TEMPLATE =
            HostTemplate.parse(NetworkConfig.DEFAULT_DOMAIN_TEMPLATE, NetworkConfig.DOMAIN_FIELDS);

    private TrafficResolver() {}

    /** Resolves a Route's traffic; every target names a Revision or a Configuration. */
    public static TrafficResult resolve(
            RouteRef route, List<TrafficTarget> traffic, ClusterView cluster, String domain, NetworkConfig network) {
        return resolve(route, traffic, null, cluster, domain, network);
    }

    /**
     * Resolves traffic where {@code latestRevision} targets without a {@code configurationName} follow
     * {@code defaultConfiguration}: a Service's, which has the Service's (and its Route's) name.
     *
     * @param route the Route's name, namespace and labels
     * @param traffic the defaulted, validated {@code spec.traffic}
     * @param defaultConfiguration the Configuration implied by a Service, or null for a standalone Route
     * @param cluster the namespace's Configurations and Revisions
     * @param domain the Route's domain from {@code config-domain} ({@code svc.<cluster-domain>} if cluster-local)
     * @param network the host templates and cluster domain
     * @throws IllegalArgumentException if a target names neither a Revision nor a Configuration and there is no
     *     {@code defaultConfiguration} (admission validation rejects such a spec)
     */
    public static TrafficResult resolve(
            RouteRef route,
            List<TrafficTarget> traffic,
            String defaultConfiguration,
            ClusterView cluster,
            String domain,
            NetworkConfig network) {
        List<Flat> flats = new ArrayList<>();
        List<TrafficError.MissingTarget> missing = new ArrayList<>();
        TrafficError reported = null;
        for (TrafficTarget target : traffic) {
            Step step = flatten(target, defaultConfiguration, cluster);
            if (step instanceof Flat flat) {
                flats.add(flat);
                continue;
            }
            TrafficError error = ((Failed) step).error();
            if (error instanceof TrafficError.MissingTarget m) {
                missing.add(m);
            }
            if (reported == null || error.failure()) {
                reported = error;
            }
        }
        if (reported != null) {
            return new TrafficResult.Unresolved(reported, missing);
        }
        return new TrafficResult.Resolved(build(route, flats, domain, network));
    }

    /** What one target resolves to. */
    private sealed interface Step {}

    /** The target cannot be resolved. */
    private record Failed(TrafficError error) implements Step {}

    /** The target flattened to a Revision. */
    private record Flat(String tag, String revisionName, Boolean latestRevision, Long percent) implements Step {
        long share() {
            return percent == null ? 0 : percent;
        }

        boolean sameEntry(Flat other) {
            return Objects.equals(tag, other.tag)
                    && revisionName.equals(other.revisionName)
                    && Objects.equals(latestRevision, other.latestRevision);
        }
    }

    private static Step flatten(TrafficTarget target, String defaultConfiguration, ClusterView cluster) {
        String tag = blankToNull(target.getTag());
        String revisionName = blankToNull(target.getRevisionName());
        if (revisionName != null) {
            return pinned(tag, revisionName, target, cluster);
        }
        String configurationName = blankToNull(target.getConfigurationName());
        if (configurationName == null) {
            configurationName = defaultConfiguration;
        }
        if (configurationName == null) {
            throw new IllegalArgumentException("traffic target names neither a revision nor a configuration");
        }
        return following(tag, configurationName, target, cluster);
    }

    private static Step pinned(String tag, String revisionName, TrafficTarget target, ClusterView cluster) {
        RevisionState revision = cluster.revision(revisionName).orElse(null);
        if (revision == null) {
            return new Failed(new TrafficError.MissingTarget(TrafficError.MissingTarget.REVISION, revisionName));
        }
        if (revision.readiness() != Readiness.READY) {
            return new Failed(new TrafficError.UnreadyRevision(revisionName, revision.readiness() == Readiness.FAILED));
        }
        if (revision.configurationName().isPresent()
                && cluster.configuration(revision.configurationName().get()).isEmpty()) {
            return new Failed(new TrafficError.MissingTarget(
                    TrafficError.MissingTarget.CONFIGURATION,
                    revision.configurationName().get()));
        }
        return new Flat(tag, revisionName, latest(target), target.getPercent());
    }

    private static Step following(String tag, String configurationName, TrafficTarget target, ClusterView cluster) {
        ConfigurationState configuration =
                cluster.configuration(configurationName).orElse(null);
        if (configuration == null) {
            return new Failed(
                    new TrafficError.MissingTarget(TrafficError.MissingTarget.CONFIGURATION, configurationName));
        }
        String latestReady = configuration.latestReadyRevisionName();
        if (latestReady == null) {
            return new Failed(new TrafficError.UnreadyConfiguration(
                    configurationName, configuration.readiness() == Readiness.FAILED));
        }
        if (cluster.revision(latestReady).isEmpty()) {
            return new Failed(new TrafficError.MissingTarget(TrafficError.MissingTarget.REVISION, latestReady));
        }
        return new Flat(tag, latestReady, latest(target), target.getPercent());
    }

    private static Boolean latest(TrafficTarget target) {
        return target.getLatestRevision() != null
                ? target.getLatestRevision()
                : blankToNull(target.getRevisionName()) == null;
    }

    private static ResolvedTraffic build(RouteRef route, List<Flat> flats, String domain, NetworkConfig network) {
        boolean clusterLocal =
                Knative.VISIBILITY_CLUSTER_LOCAL.equals(route.labels().get(Knative.VISIBILITY_LABEL));
        HostTemplate template = clusterLocal ? DEFAULT_DOMAIN_TEMPLATE : network.domainTemplate();
        String host = render(template, route.name(), route.namespace(), domain);

        Map<String, List<Backend>> backends = new LinkedHashMap<>();
        backends.put(host, split(flats));
        Map<String, String> tagHosts = new LinkedHashMap<>();
        Map<String, List<Flat>> byTag = new LinkedHashMap<>();
        for (Flat flat : flats) {
            if (flat.tag() != null) {
                byTag.computeIfAbsent(flat.tag(), t -> new ArrayList<>()).add(flat);
            }
        }
        byTag.forEach((tag, tagged) -> {
            String tagHost = render(template, network.tagName(route.name(), tag), route.namespace(), domain);
            tagHosts.put(tag, tagHost);
            backends.put(tagHost, split(tagged));
        });

        List<Flat> merged = new ArrayList<>();
        for (Flat flat : flats) {
            int same = indexOfSame(merged, flat);
            if (same < 0) {
                merged.add(flat);
            } else {
                Flat old = merged.get(same);
                Long percent = old.percent() == null && flat.percent() == null ? null : old.share() + flat.share();
                merged.set(same, new Flat(old.tag(), old.revisionName(), old.latestRevision(), percent));
            }
        }
        List<TrafficTarget> status = new ArrayList<>();
        Set<String> routed = new LinkedHashSet<>();
        for (Flat flat : merged) {
            TrafficTarget entry = new TrafficTarget()
                    .setTag(flat.tag())
                    .setRevisionName(flat.revisionName())
                    .setLatestRevision(flat.latestRevision())
                    .setPercent(flat.percent());
            if (flat.tag() != null) {
                entry.setUrl(HTTP + tagHosts.get(flat.tag()));
            }
            status.add(entry);
            routed.add(flat.revisionName());
        }
        return new ResolvedTraffic(
                HTTP + host,
                HTTP + network.clusterLocalHost(route.name(), route.namespace()),
                status,
                host,
                backends,
                routed);
    }

    /**
     * One host's split: one backend per Revision in order of first appearance, percents summed. A lone Revision
     * gets 100%; Revisions at 0% are left out, since they serve no traffic on this host.
     */
    private static List<Backend> split(List<Flat> flats) {
        Map<String, Long> percents = new LinkedHashMap<>();
        flats.forEach(f -> percents.merge(f.revisionName(), f.share(), Long::sum));
        if (percents.size() == 1) {
            return List.of(new Backend(percents.keySet().iterator().next(), 100));
        }
        return percents.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> new Backend(e.getKey(), e.getValue()))
                .toList();
    }

    private static int indexOfSame(List<Flat> merged, Flat flat) {
        for (int i = 0; i < merged.size(); i++) {
            if (merged.get(i).sameEntry(flat)) {
                return i;
            }
        }
        return -1;
    }

    private static String render(HostTemplate template, String name, String namespace, String domain) {
        return template.render(Map.of("Name", name, "Namespace", namespace, "Domain", domain));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
