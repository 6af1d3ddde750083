package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.serving.v1.TrafficTarget;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Route's traffic resolved to Revisions: what goes into its status and what the ingress must program.
 *
 * @param url {@code status.url}: {@code http://} + the host from the domain template
 * @param address {@code status.address.url}: {@code http://{route}.{ns}.svc.{cluster-domain}}
 * @param statusTraffic {@code status.traffic}: every entry names a concrete Revision; entries for the same tag,
 *     Revision and {@code latestRevision} are merged; tagged entries carry their URL
 * @param host the Route's own host, the first key of {@link #backends}
 * @param backends host to weighted Revisions: the Route's host splits across all targets (one entry per Revision,
 *     percents summed, 0% entries left out); each tag's host sends 100% to its Revision; in insertion order
 * @param routedRevisions every Revision named in {@code statusTraffic}, whatever its percent: the Revisions whose
 *     routing state becomes {@code active}
 */
public record ResolvedTraffic(
        String url,
        String address,
        List<TrafficTarget> statusTraffic,
        String host,
        Map<String, List<Backend>> backends,
        Set<String> routedRevisions) {

    public ResolvedTraffic {
        statusTraffic = List.copyOf(statusTraffic);
        backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        routedRevisions = Collections.unmodifiableSet(new LinkedHashSet<>(routedRevisions));
    }
}
