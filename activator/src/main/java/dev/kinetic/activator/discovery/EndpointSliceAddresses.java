package dev.kinetic.activator.discovery;

import dev.kinetic.activator.revision.RevisionKey;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a revision's pods from an EndpointSlice of its private Service ({@code {rev}-private}, which selects the
 * revision's pods directly whatever mode the public Service is in). Pure functions over the fabric8 model.
 */
public final class EndpointSliceAddresses {
    /** The label every EndpointSlice carries: the name of the Service it belongs to. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    static final String PRIVATE_SUFFIX = "-private";

    private EndpointSliceAddresses() {}

    /** The revision whose private Service owns {@code slice}, if it belongs to one. */
    public static Optional<RevisionKey> revisionOf(EndpointSlice slice) {
        if (slice.getMetadata() == null || slice.getMetadata().getNamespace() == null) {
            return Optional.empty();
        }
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        if (service == null || !service.endsWith(PRIVATE_SUFFIX) || service.length() == PRIVATE_SUFFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(new RevisionKey(
                slice.getMetadata().getNamespace(), service.substring(0, service.length() - PRIVATE_SUFFIX.length())));
    }

    /**
     * The addresses of the slice's ready endpoints (those whose {@code conditions.ready} is not false), on the
     * serving port: the port named {@code http} (8012) or {@code http2} (8013, h2c revisions), else the first port.
     * Empty if the slice has no usable port.
     */
    public static Set<PodAddress> readyAddresses(EndpointSlice slice) {
        Set<PodAddress> ready = new TreeSet<>();
        Integer port = servingPort(slice);
        if (port == null || slice.getEndpoints() == null) {
            return ready;
        }
        for (Endpoint endpoint : slice.getEndpoints()) {
            boolean notReady = endpoint.getConditions() != null
                    && Boolean.FALSE.equals(endpoint.getConditions().getReady());
            if (notReady || endpoint.getAddresses() == null) {
                continue;
            }
            for (String ip : endpoint.getAddresses()) {
                if (ip != null && !ip.isBlank()) {
                    ready.add(new PodAddress(ip.trim(), port));
                }
            }
        }
        return ready;
    }

    private static Integer servingPort(EndpointSlice slice) {
        if (slice.getPorts() == null || slice.getPorts().isEmpty()) {
            return null;
        }
        for (EndpointPort p : slice.getPorts()) {
            if (("http".equals(p.getName()) || "http2".equals(p.getName())) && p.getPort() != null) {
                return p.getPort();
            }
        }
        return slice.getPorts().get(0).getPort();
    }
}
